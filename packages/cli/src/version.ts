/** The CLI version, injected at build time from package.json (`0.0.0-dev` when run from sources). */
declare const __GATEWIRE_CLI_VERSION__: string | undefined;

export const CLI_VERSION: string = typeof __GATEWIRE_CLI_VERSION__ === 'string' ? __GATEWIRE_CLI_VERSION__ : '0.0.0-dev';
