import type { INodeProperties } from 'n8n-workflow';

/**
 * Node versions. 1.1 changed only defaults (If a Draft Exists: Update It, Simplify on Create);
 * workflows saved with version 1 keep theirs, since n8n stores no value equal to the default.
 */
export const NODE_VERSIONS = [1, 1.1];

/** `property` twice: with `stored` as the default for version 1 nodes, `fresh` for newer ones. */
export function defaultByVersion(
	property: INodeProperties,
	stored: INodeProperties['default'],
	fresh: INodeProperties['default'],
): INodeProperties[] {
	const show = property.displayOptions?.show ?? {};
	return [
		{ ...property, default: stored, displayOptions: { show: { ...show, '@version': [1] } } },
		{
			...property,
			default: fresh,
			displayOptions: { show: { ...show, '@version': [{ _cnd: { gte: 1.1 } }] } },
		},
	];
}
