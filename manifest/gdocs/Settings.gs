/**
 * Penwise for Google Docs: the writer's settings (their dictionary, the rules they turned
 * off, their access key), kept in their user properties, in parts under the size a value may
 * hold. Part of the Apps Script project: see Code.gs.
 */

/** User property holding how many parts the settings JSON was split into. */
const SETTINGS_KEY = 'PENWISE_SETTINGS';
/** Characters per settings part: at most 3 UTF-8 bytes each stays under the 9 kB a value may hold. */
const SETTINGS_PART_CHARS = 2800;

/**
 * This user's saved settings ({} when none).
 * @returns {Record<string, unknown>}
 */
function loadSettings() {
  const props = PropertiesService.getUserProperties();
  const parts = Number(props.getProperty(SETTINGS_KEY) || 0);
  let json = '';
  for (let i = 0; i < parts; i++) json += props.getProperty(SETTINGS_KEY + '_' + i) || '';
  try {
    const value = JSON.parse(json || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch (error) {
    return {};
  }
}

/**
 * Save this user's settings, given as a JSON object text.
 * @param {string|object} json
 */
function saveSettings(json) {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  const value = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Penwise settings must be a JSON object.');
  }
  const props = PropertiesService.getUserProperties();
  const before = Number(props.getProperty(SETTINGS_KEY) || 0);
  /** @type {Record<string, string>} */
  const parts = {};
  let count = 0;
  for (let i = 0; i < text.length; i += SETTINGS_PART_CHARS) {
    parts[SETTINGS_KEY + '_' + count++] = text.slice(i, i + SETTINGS_PART_CHARS);
  }
  parts[SETTINGS_KEY] = String(count);
  props.setProperties(parts);
  for (let i = count; i < before; i++) props.deleteProperty(SETTINGS_KEY + '_' + i);
}
