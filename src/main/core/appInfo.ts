import { version } from '../../../package.json';

/** Name and version; the bundler inlines the version, so this works from source and from out/. */
export const appInfo = { name: 'Switchyard', version } as const;
