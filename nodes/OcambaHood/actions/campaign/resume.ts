import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { objectAction } from '../../../common/resource';
import { validateInput } from '../../../common/validation';
import { LABELS, resumeSchema } from '../../schemas';
import { toHoodTime } from '../shared/time';
import { LOCATOR, RESOURCE } from './fields';

const show = showFor('campaign', 'resume');

export const description: INodeProperties[] = [
	locatorField(LOCATOR, show),
	{
		displayName: 'Resume',
		name: 'resumeMode',
		type: 'options',
		options: [
			{ name: 'At a Set Time', value: 'scheduled', description: 'Continue at the Scheduled Time' },
			{ name: 'Now', value: 'now', description: 'Continue sending at once' },
		],
		default: 'now',
		displayOptions: { show },
	},
	{
		displayName: 'Scheduled Time',
		name: 'scheduledTime',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { ...show, resumeMode: ['scheduled'] } },
		description: "When to continue, in the workflow's time zone",
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const id = readLocator(this, LOCATOR, itemIndex);
	const mode = this.getNodeParameter('resumeMode', itemIndex, 'now') as string;
	const body: IDataObject =
		mode === 'scheduled'
			? {
					scheduled_time: toHoodTime(
						node,
						this.getNodeParameter('scheduledTime', itemIndex, ''),
						this.getTimezone(),
						'Scheduled Time',
						itemIndex,
					),
				}
			: { run_immediately: true };
	const checked = validateInput(node, resumeSchema, body, itemIndex, LABELS) as IDataObject;
	await objectAction(this, itemIndex, RESOURCE, id, 'resume', { body: checked, idempotent: false });
	return { success: true, id, status: mode === 'scheduled' ? 'scheduled' : 'running', ...checked };
}
