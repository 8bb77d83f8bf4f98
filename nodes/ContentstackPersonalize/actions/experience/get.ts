import { experience } from './spec';

export const { description, execute } = experience.get;
