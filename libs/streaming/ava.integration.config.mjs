import { avaConfig, integrationFiles } from '../../ava.config.base.mjs';

export default avaConfig({ files: integrationFiles, timeout: '300s', serial: true });
