// What Microsoft's own type definitions (@types/office-js) say Word's classes have: each
// member, the requirement set it needs ("[Api set: WordApi 1.3]" in its doc comment), and, for
// each method parameter typed as a set of strings, the strings it takes. The Word stand-in
// (word_standin.mjs) exposes its objects through `typedObject`, so the host under test can use
// only what real Word has, with the values real Word takes, at the requirement set it claims.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const DEFINITIONS = require.resolve('@types/office-js/index.d.ts');

/** Members every Office.js proxy object has (OfficeExtension.ClientObject). */
const CLIENT_OBJECT = ['context', 'isNullObject'];

/**
 * @typedef {{kind: 'method'|'property', readonly: boolean, set: {name: string, version: number}|null,
 *            overloads: Array<Array<string[]|null>>}} Member
 *   `overloads`: per signature, per parameter, the strings it takes (null: any value).
 */

/** @type {Map<string, Map<string, Member>>|null} */
let classes = null;
/** Each typed object's own stand-in object, for the stand-in's code (never the host's). */
const targets = new WeakMap();

/** The stand-in object behind a typed one (itself when it is not typed). @template T @param {T} object @returns {T} */
export function inner(object) {
  return targets.get(object) ?? object;
}

/** Word's classes by name (Range, Body, Paragraph, Document, ...), each member by name. */
export function wordClasses() {
  if (classes) return classes;
  const text = readFileSync(DEFINITIONS, 'utf8');
  const source = ts.createSourceFile(DEFINITIONS, text, ts.ScriptTarget.Latest, true);
  const blocks = source.statements.flatMap((statement) =>
    ts.isModuleDeclaration(statement) && statement.name.text === 'Word' && statement.body && ts.isModuleBlock(statement.body)
      ? [statement.body]
      : [],
  );
  /** @type {Map<string, Map<string, string>>} Each enum's members and the strings they stand for. */
  const enums = new Map();
  for (const node of blocks.flatMap((block) => block.statements)) {
    if (!ts.isEnumDeclaration(node)) continue;
    const values = new Map();
    for (const member of node.members) {
      if (member.initializer && ts.isStringLiteral(member.initializer)) values.set(member.name.getText(), member.initializer.text);
    }
    enums.set(node.name.text, values);
  }
  classes = new Map();
  for (const node of blocks.flatMap((block) => block.statements)) {
    if (ts.isClassDeclaration(node) && node.name) classes.set(node.name.text, membersOf(node, text, enums));
  }
  return classes;
}

/** @param {ts.ClassDeclaration} node @param {string} text @param {Map<string, Map<string, string>>} enums */
function membersOf(node, text, enums) {
  /** @type {Map<string, Member>} */
  const members = new Map(
    CLIENT_OBJECT.map((name) => [name, { kind: 'property', readonly: true, set: null, overloads: [] }]),
  );
  for (const member of node.members) {
    if (!member.name || !ts.isIdentifier(member.name)) continue;
    const name = member.name.text;
    const set = apiSet(text.slice(member.getFullStart(), member.getStart()));
    if (ts.isMethodDeclaration(member)) {
      const entry = members.get(name) ?? { kind: 'method', readonly: true, set, overloads: [] };
      entry.overloads.push(member.parameters.map((parameter) => stringsOf(parameter.type, enums)));
      // An overload may come with an older set than another (load): the lowest one counts.
      if (set && (!entry.set || set.version < entry.set.version)) entry.set = set;
      members.set(name, entry);
    } else if (ts.isPropertyDeclaration(member)) {
      const readonly = Boolean(member.modifiers?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword));
      members.set(name, { kind: 'property', readonly, set, overloads: [] });
    }
  }
  return members;
}

/** The requirement set a doc comment names, e.g. {name: 'WordApi', version: 1.3}. @param {string} comment */
function apiSet(comment) {
  const match = /\[Api set: (\w+) ([\d.]+)/.exec(comment);
  return match ? { name: match[1], version: Number(match[2]) } : null;
}

/**
 * The strings a parameter takes when its type is a union of string literals and of Word's
 * string enums or their members; null when it takes other values too.
 * @param {ts.TypeNode|undefined} type
 * @param {Map<string, Map<string, string>>} enums
 * @returns {string[]|null}
 */
function stringsOf(type, enums) {
  if (!type) return null;
  const parts = ts.isUnionTypeNode(type) ? type.types : [type];
  const strings = new Set();
  for (const part of parts) {
    if (ts.isLiteralTypeNode(part) && ts.isStringLiteral(part.literal)) {
      strings.add(part.literal.text);
      continue;
    }
    const [namespace, name, member] = ts.isTypeReferenceNode(part) ? part.typeName.getText().split('.') : [];
    const values = namespace === 'Word' ? enums.get(name) : undefined;
    if (!values) return null;
    const taken = member === undefined ? [...values.values()] : [values.get(member)];
    if (taken.some((value) => value === undefined)) return null;
    taken.forEach((value) => strings.add(value));
  }
  return strings.size ? [...strings] : null;
}

/**
 * `target` as Word's class `className` would be: reading or calling a member the type
 * definitions do not give that class throws, as does one of a requirement set above `api`, a
 * string argument outside the strings a parameter takes, and writing a read-only property.
 * The stand-in reaches its own state through `inner`.
 * @template {object} T
 * @param {string} className @param {T} target @param {{api: number}} gate
 * @returns {T}
 */
export function typedObject(className, target, gate) {
  const members = wordClasses().get(className);
  if (!members) throw new Error(`@types/office-js has no class Word.${className}`);
  const describe = (/** @type {string} */ name) => `Word.${className}.${name}`;
  const check = (/** @type {string} */ name) => {
    const member = members.get(name);
    if (!member) throw new TypeError(`${describe(name)} does not exist (not in @types/office-js)`);
    if (member.set && !(member.set.name === 'WordApi' && member.set.version <= gate.api)) {
      throw new Error(`ApiNotFound: ${describe(name)} needs ${member.set.name} ${member.set.version}`);
    }
    return member;
  };
  const typed = new Proxy(target, {
    get(object, name, receiver) {
      if (typeof name === 'symbol' || name === 'then') return Reflect.get(object, name, receiver);
      const member = check(name);
      const value = Reflect.get(object, name, object);
      if (member.kind !== 'method' || typeof value !== 'function') return value;
      return (/** @type {unknown[]} */ ...args) => {
        const fits = member.overloads.some((overload) =>
          args.every((arg, i) => typeof arg !== 'string' || !overload[i] || overload[i].includes(arg)),
        );
        if (!fits) throw new Error(`InvalidArgument: ${describe(name)}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
        return value.apply(object, args);
      };
    },
    set(object, name, value) {
      if (typeof name === 'string' && check(name).readonly) throw new TypeError(`${describe(name)} is read-only`);
      return Reflect.set(object, name, value, object);
    },
  });
  targets.set(typed, target);
  return typed;
}
