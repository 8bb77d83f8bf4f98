import { attribute } from './spec';

export const { description, execute } = attribute.update;
