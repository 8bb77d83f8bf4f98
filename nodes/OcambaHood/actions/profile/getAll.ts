import { listOperation } from '../../../common/list';
import { pagesAt } from '../../api';
import { hoodQuery } from '../shared/query';
import { PATH } from './fields';

// Inferred path: Ocamba's profile pages say "list the profiles to find it" but document no list,
// so its search, sort and filter fields are typed in.
export const { description, execute } = listOperation({
	resource: 'profile',
	noun: 'profile',
	plural: 'profiles',
	query: hoodQuery({ plural: 'profiles' }),
	fetch: pagesAt(PATH),
});
