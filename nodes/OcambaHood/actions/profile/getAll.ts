import { listOperation } from '../shared/list';
import { PATH } from './fields';

// Inferred path: Ocamba's profile pages say "list the profiles to find it" but document no list,
// so its search, sort and filter fields are typed in.
export const { description, execute } = listOperation(
	{ resource: 'profile', noun: 'profiles' },
	PATH,
);
