// @ts-check
/**
 * The Word pane's per-user settings. Office's roaming settings exist only in Outlook
 * (Office.RoamingSettings, Mailbox 1.1), so Word keeps them in localStorage, each value as
 * JSON under "penwise.<name>", prefixed with Office.context.partitionKey where Office
 * partitions storage (Office on the web); the key is undefined where it does not.
 */

const PREFIX = 'penwise.';

/**
 * @typedef {Pick<Storage, 'getItem'|'setItem'|'key'|'length'>} KeyValueStorage
 * @typedef {Record<string, unknown>} SettingsValues
 */

/**
 * @param {KeyValueStorage} storage
 * @param {string|undefined} partitionKey
 */
export function createSettingsStore(storage, partitionKey) {
  const prefix = `${partitionKey ?? ''}${PREFIX}`;
  return {
    /** Read every saved value ({} when none); a value that is not JSON is skipped. */
    load() {
      /** @type {SettingsValues} */
      const values = {};
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (!key?.startsWith(prefix)) continue;
        try {
          values[key.slice(prefix.length)] = JSON.parse(storage.getItem(key) ?? 'null');
        } catch {
          // Written by something else; leave it alone.
        }
      }
      return values;
    },
    /** Write each given value; others stay as they are. */
    save(/** @type {SettingsValues} */ values) {
      for (const [name, value] of Object.entries(values)) {
        storage.setItem(prefix + name, JSON.stringify(value));
      }
    },
  };
}

/**
 * localStorage when the browser control lets us use it (a user's settings or a browser may
 * block it), else a store that lasts as long as the pane.
 * @returns {KeyValueStorage}
 */
export function availableStorage() {
  try {
    const storage = globalThis.localStorage;
    storage.setItem(`${PREFIX}probe`, '1');
    storage.removeItem(`${PREFIX}probe`);
    return storage;
  } catch {
    return memoryStorage();
  }
}

/** @returns {KeyValueStorage} */
export function memoryStorage() {
  /** @type {Map<string, string>} */
  const items = new Map();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
  };
}
