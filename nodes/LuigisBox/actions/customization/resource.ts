import type { LocatorSpec } from '../../../common/locator';
import type { ResourceSpec } from '../../../common/resource';
import { customizationIdSchema } from '../../schemas';
import { luigisBoxApi } from '../../transport';

const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const CUSTOMIZATION_LOCATOR: LocatorSpec = {
	name: 'customizationId',
	displayName: 'Customization',
	searchListMethod: 'searchCustomizations',
	placeholder: '199620b4-df1a-46e8-ab59-9e9ed9af7106',
	pattern: UUID_PATTERN,
	patternError: 'Not a customization ID (UUID)',
	schema: customizationIdSchema.shape.customizationId,
	label: 'Customization ID',
};

/** Customizations (pin scopes): POST scope, GET/PUT/DELETE scope/{id}, search with POST scopes. */
export const CUSTOMIZATION: ResourceSpec = {
	api: luigisBoxApi,
	resource: 'customization',
	noun: 'customization',
	plural: 'customizations',
	path: 'scope',
	idKey: 'id',
	// PUT replaces the whole customization with the one the item describes.
	update: { method: 'PUT' },
	locator: CUSTOMIZATION_LOCATOR,
};
