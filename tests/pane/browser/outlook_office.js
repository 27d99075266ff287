// A stand-in for Office.js in Outlook's compose window, served in place of Microsoft's script
// (no network here). The message being written is window.penwiseMail, set by the test before
// the page loads: {type: 'html'|'text', body, selection, language}. Every write lands there.
(function () {
  var mail = window.penwiseMail;
  var roaming = {};
  var ok = function (value) {
    return { status: 'succeeded', value: value };
  };
  var last = function (args) {
    return args[args.length - 1];
  };
  window.Office = {
    onReady: function () {
      return Promise.resolve({ host: 'Outlook' });
    },
    CoercionType: { Html: 'html', Text: 'text' },
    context: {
      displayLanguage: mail.language,
      requirements: {
        isSetSupported: function (name, version) {
          return name === 'Mailbox' && Number(version.split('.')[1]) <= 15;
        },
      },
      roamingSettings: {
        get: function (name) {
          return roaming[name];
        },
        set: function (name, value) {
          roaming[name] = JSON.parse(JSON.stringify(value));
        },
        saveAsync: function (done) {
          done(ok());
        },
      },
      mailbox: {
        item: {
          getSelectedDataAsync: function () {
            last(arguments)(ok({ data: mail.selection || '', sourceProperty: 'body' }));
          },
          getInitializationContextAsync: function (done) {
            done(ok(mail.context || null));
          },
          body: {
            getTypeAsync: function () {
              last(arguments)(ok(mail.type));
            },
            getAsync: function () {
              last(arguments)(ok(mail.body));
            },
            setAsync: function (data, options, done) {
              mail.body = data;
              mail.writes = (mail.writes || 0) + 1;
              done(ok());
            },
            setSelectedDataAsync: function (data, options, done) {
              mail.atCursor = (mail.atCursor || []).concat([data]);
              done(ok());
            },
          },
        },
      },
    },
  };
})();
