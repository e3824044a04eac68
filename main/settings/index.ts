export { SettingsStore, SettingsError, SETTINGS_FILE, type SettingsErrorCode } from './store.js';
export { DEFAULT_SETTINGS, LOCALES, isLocale, publicSettings, settingsProblem, type StoredSettings } from './schema.js';
