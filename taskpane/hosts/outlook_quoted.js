// @ts-check
/**
 * Where the writer's own text of a mail ends and the quoted thread begins, read from the
 * body's text: the separators Outlook and other mail programs put above the message being
 * answered or forwarded.
 *
 * This file is both an ES module (the pane imports it for its side effect) and a classic
 * script: the server joins it with the send check (taskpane/send/on_send.js) into the one file
 * classic Outlook on Windows runs without a browser. So: no import or export, ES2016 syntax
 * only, and its one name goes on the global object.
 */
/**
 * What this file puts on the global object, as PenwiseQuoted.
 * @typedef {Object} Quoted
 * @property {(text: string) => number} quotedStart
 * @property {(text: string) => string} ownText
 */
(/** @param {{PenwiseQuoted?: Quoted}} root */ function (root) {
  'use strict';

  // A line that starts the quoted part all by itself.
  var SEPARATORS = [
    /^-{2,}\s*(Original Message|Forwarded message|原始邮件|转发的邮件)\s*-{2,}$/i,
    /^_{10,}$/, // Outlook on the web: a rule of underscores above "From:"
    /^On .{4,200} wrote:$/i, // Gmail, Apple Mail, Thunderbird
    /^在.{4,200}写道[:：]$/,
  ];
  // The header block of a forwarded or answered message: "From:" then "Sent:" or "Date:".
  var FROM = /^\*?(From|发件人)\*?\s*[:：]/i;
  var SENT = /^\*?(Sent|Date|发送时间|日期)\*?\s*[:：]/i;

  /**
   * The UTF-16 offset in `text` where the quoted thread starts (text.length when none).
   * @param {string} text The body as text, lines separated by "\n".
   * @returns {number}
   */
  function quotedStart(text) {
    var lines = text.split('\n');
    var offset = 0;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i].replace(/\u00a0/g, ' ').trim();
      if (startsQuote(line, lines, i)) return offset;
      offset += lines[i].length + 1;
    }
    return text.length;
  }

  /**
   * @param {string} line @param {string[]} lines @param {number} i
   */
  function startsQuote(line, lines, i) {
    for (var k = 0; k < SEPARATORS.length; k++) {
      if (SEPARATORS[k].test(line)) return true;
    }
    if (FROM.test(line)) {
      for (var j = i + 1; j < Math.min(lines.length, i + 4); j++) {
        if (SENT.test(lines[j].trim())) return true;
      }
    }
    // Lines quoted with ">" to the end of the mail (a reply written above them).
    if (line.charAt(0) === '>') {
      return lines.slice(i).every(function (rest) {
        var trimmed = rest.trim();
        return trimmed === '' || trimmed.charAt(0) === '>';
      });
    }
    return false;
  }

  /**
   * The writer's own part: the text before the quoted thread, without the blank lines above it.
   * @param {string} text
   * @returns {string}
   */
  function ownText(text) {
    return text.slice(0, quotedStart(text)).replace(/\s+$/, '');
  }

  root.PenwiseQuoted = { quotedStart: quotedStart, ownText: ownText };
})(/** @type {{PenwiseQuoted?: Quoted}} */ (typeof globalThis === 'object' ? globalThis : this));
