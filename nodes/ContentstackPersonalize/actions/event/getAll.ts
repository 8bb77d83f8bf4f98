import { event } from './spec';

export const { description, execute } = event.getAll;
