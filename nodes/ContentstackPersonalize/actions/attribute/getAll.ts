import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';

/** GET /attributes: custom and preset attributes, optionally of one type. */
export const { description, execute } = listOperation({
	resource: 'attribute',
	noun: 'attribute',
	plural: 'attributes',
	query: {
		describe: (show) => [
			{
				displayName: 'Attribute Type',
				name: 'attributeType',
				type: 'options',
				displayOptions: { show },
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Custom', value: 'CUSTOM', description: 'Attributes created in the project' },
					{
						name: 'Preset',
						value: 'PRESET',
						description: 'Built-in attributes such as COUNTRY or DEVICE_TYPE',
					},
				],
				default: 'all',
			},
		],
		read: (context, itemIndex) => {
			const type = context.getNodeParameter('attributeType', itemIndex, 'all') as string;
			return { qs: {}, keep: (entry) => type === 'all' || entry.__type === type };
		},
	},
	fetch: wholeList('/attributes'),
});
