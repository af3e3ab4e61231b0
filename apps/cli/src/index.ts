export type { CommandModule } from './main';
