import { audience } from './spec';

export const { description, execute } = audience.update;
