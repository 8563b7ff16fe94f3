import { version } from '../../package.json'

/** The app's version, from package.json: what `app:info`, the CLI and the hosts report. */
export const APP_VERSION: string = version
