import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { invalidInput } from '../../../common/validation';
import type { Section } from './snapshot';
import { exportSnapshot, SECTIONS } from './snapshot';

export const description: INodeProperties[] = [
	{
		displayName: 'Include',
		name: 'include',
		type: 'multiOptions',
		displayOptions: { show: showFor('project', 'exportConfiguration') },
		options: [
			{
				name: 'Attributes',
				value: 'attributes',
				description: 'Custom attributes (presets exist everywhere)',
			},
			{
				name: 'Audiences',
				value: 'audiences',
				description: 'Audience definitions (Lytics audiences are synced, not exported)',
			},
			{ name: 'Events', value: 'events' },
			{
				name: 'Experiences',
				value: 'experiences',
				description: 'With their draft and active versions',
			},
			{ name: 'Priority', value: 'priority', description: 'The order of the experiences, by name' },
		],
		default: [...SECTIONS],
		description:
			'The parts of the configuration the snapshot holds; an import leaves the parts a snapshot does not hold alone',
	},
];

/**
 * One item: the snapshot of the credential's project (see snapshot.ts). Analytics are never part
 * of it; references are written by key or name, so Import Configuration can apply it to another project.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const given = this.getNodeParameter('include', itemIndex, [...SECTIONS]) as unknown;
	const include = Array.isArray(given) ? given.map(String) : [];
	const unknown = include.filter((entry) => !(SECTIONS as readonly string[]).includes(entry));
	if (unknown.length || include.length === 0)
		throw invalidInput(
			this.getNode(),
			'Include',
			itemIndex,
			unknown.length
				? `unknown part ${JSON.stringify(unknown[0])}; choose from ${SECTIONS.join(', ')}`
				: 'choose at least one part',
		);
	return await exportSnapshot(this, itemIndex, include as Section[]);
}
