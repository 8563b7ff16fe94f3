import packageJson from '../../package.json' with { type: 'json' }

/** The app's version, from package.json: what `app:info`, the CLI and the hosts report. */
export const APP_VERSION: string = packageJson.version
