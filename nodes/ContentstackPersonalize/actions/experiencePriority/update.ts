import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, hasErrorCode } from '../../../common/errors';
import { validateInput } from '../../../common/validation';
import { LABELS, priorityOrderSchema } from '../../schemas';
import { managementRequest } from '../../transport';
import { experienceUidsField, orderInputField, priorityOrderField, updateOptions } from './fields';
import { allExperiences, currentOrder, readOrder } from './order';

export const description: INodeProperties[] = [
	orderInputField,
	priorityOrderField,
	experienceUidsField,
	updateOptions,
];

/**
 * PUT /experiences-priority with the full order. The API refuses a list that misses an experience
 * (400 MISSING_EXPERIENCES); the error then names the missing ones.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let order = validateInput(
		node,
		priorityOrderSchema,
		{ priorityOrder: readOrder(this, itemIndex) },
		itemIndex,
		LABELS,
	).priorityOrder;
	if (options.appendMissing) {
		const listed = new Set(order.map((uid) => uid.toLowerCase()));
		order = [
			...order,
			...(await currentOrder(this, itemIndex)).filter((uid) => !listed.has(uid.toLowerCase())),
		];
	}
	try {
		// priorityOrder is the only body field evidenced; the former "Body Field" option is gone and
		// a stored value of it is ignored.
		await managementRequest(this, {
			method: 'PUT',
			path: '/experiences-priority',
			body: { priorityOrder: order },
			itemIndex,
		});
	} catch (error) {
		if (!hasErrorCode(error, 'MISSING_EXPERIENCES')) throw asNodeError(node, error);
		const listed = new Set(order.map((uid) => uid.toLowerCase()));
		const missing = (await allExperiences(this, itemIndex)).filter(
			(entry) => !listed.has(String(entry.uid).toLowerCase()),
		);
		throw new NodeOperationError(
			node,
			`The priority order must list every experience of the project; missing: ${missing.map((entry) => `${String(entry.uid)} (${String(entry.name)})`).join(', ') || 'see the API answer'}`,
			{
				itemIndex,
				description:
					'Contentstack answered MISSING_EXPERIENCES. Add the missing experiences where they belong, or turn on Options → Append Unlisted Experiences.',
			},
		);
	}
	return { priorityOrder: order };
}
