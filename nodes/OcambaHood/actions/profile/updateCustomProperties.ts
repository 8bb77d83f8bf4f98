import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dryRunField, readDryRun, showFor } from '../../../common/descriptions';
import { dryRunItem } from '../../../common/dryRun';
import { runInBatches } from '../../../common/execution';
import { wholeNumber } from '../../../common/validation';
import { hoodRequest } from '../../transport';
import { readProfile } from './customProperties';
import {
	batchSizeField,
	customPropertiesField,
	customPropertiesInputField,
	customPropertiesJsonField,
	DEFAULT_BATCH,
	importOptionsField,
	MAX_BATCH,
	PATH,
	profileIdField,
} from './fields';
import { importIdOf, readWait, reportResults } from './importReport';

export const description: INodeProperties[] = [
	profileIdField(
		['updateCustomProperties'],
		'The existing profile to update, usually an expression such as {{ $json.id }}. The bulk call cannot create profiles.',
	),
	customPropertiesInputField,
	customPropertiesField,
	customPropertiesJsonField,
	batchSizeField,
	importOptionsField,
	dryRunField(showFor('profile', 'updateCustomProperties')),
];

export async function executeAll(this: IExecuteFunctions) {
	const batchSize = wholeNumber(
		this.getNode(),
		this.getNodeParameter('batchSize', 0, DEFAULT_BATCH),
		'Batch Size',
		0,
		{
			max: MAX_BATCH,
		},
	);
	const wait = readWait(this);
	const dryRun = readDryRun(this);
	return await runInBatches(this, {
		batchSize,
		prepare: (itemIndex) => readProfile(this, itemIndex),
		send: async (profiles, batch) => {
			if (dryRun)
				// The import names existing profiles only: the plan is the same without reading them.
				return profiles.map((profile) =>
					dryRunItem(
						'update',
						{
							method: 'POST',
							path: `${PATH}/import`,
							contentType: 'application/json',
							batch,
							objects: profiles.length,
						},
						{ id: profile.id, custom_properties: profile.custom_properties },
					),
				);
			// 202 Accepted: Ocamba queues the update. Setting values is idempotent, so a dropped answer
			// is safely repeated.
			const answer = await hoodRequest<IDataObject | string | undefined>(this, {
				method: 'POST',
				path: `${PATH}/import`,
				body: { profiles: profiles as unknown as IDataObject[] },
				idempotent: true,
			});
			const importId = importIdOf(answer);
			const sent = profiles.map(
				(profile) =>
					({
						success: true,
						queued: true,
						batch,
						id: profile.id,
						custom_properties: profile.custom_properties,
						import_id: importId ?? null,
					}) as IDataObject,
			);
			if (!wait) return sent;
			const results = await reportResults(this, importId, profiles, wait);
			return sent.map((item, position) => ({ ...item, ...results[position] }));
		},
	});
}
