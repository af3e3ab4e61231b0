import { avaConfig, unitFiles } from '../../ava.config.base.mjs';

export default avaConfig({ files: unitFiles });
