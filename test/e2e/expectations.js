// What each example workflow must produce in real n8n, checked item by item. The workflows are
// imported by scripts/n8n/examples.js, exactly as `npm run dev` imports them.
const fs = require('node:fs');
const path = require('node:path');

const output = (runData, node) => runData[node][0].data.main[0];
const OUR_PREFIX = 'n8n-nodes-personalization.';

module.exports = {
	/** Any other example: each of our nodes ran, produced items, and none of them is an error item. */
	generic: async ({ runData, workflow }) => {
		const ours = workflow.nodes
			.filter((node) => node.type.startsWith(OUR_PREFIX))
			.map((node) => node.name);
		expect(ours.length).toBeGreaterThan(0);
		for (const name of ours) {
			expect(runData[name]).toBeDefined();
			expect(output(runData, name).length).toBeGreaterThan(0);
			for (const item of output(runData, name)) expect(item.json.error).toBeUndefined();
		}
	},

	'luigisbox-nightly-backup.json': {
		check: async ({ runData, sandboxes, fileFolder }) => {
			const { results } = await sandboxes.control('luigisbox', 'luigisbox/customizations');
			const exported = output(runData, 'Export customizations').map((item) => item.json);
			expect(exported.map((c) => c.id).sort()).toEqual(results.map((c) => c.id).sort());
			exported.forEach((customization, index) => {
				expect(customization).toEqual(results.find((c) => c.id === customization.id));
				expect(output(runData, 'Export customizations')[index].pairedItem).toEqual({ item: 0 });
			});
			const [file] = fs
				.readdirSync(fileFolder)
				.filter((name) => name.startsWith('luigisbox-customizations-'));
			const written = JSON.parse(fs.readFileSync(path.join(fileFolder, file), 'utf8'));
			expect(written.map((c) => c.id).sort()).toEqual(results.map((c) => c.id).sort());
		},
	},

	'luigisbox-sync-from-list.json': {
		check: async ({ runData, sandboxes }) => {
			const rows = output(runData, 'Rows from the merchandising sheet').map((item) => item.json);
			const upserted = output(runData, 'Upsert customizations');
			expect(upserted).toHaveLength(rows.length);
			const { results } = await sandboxes.control('luigisbox', 'luigisbox/customizations');
			upserted.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json).toMatchObject({ success: true, conflictStrategy: 'override' });
				expect(item.json.customization).toMatchObject({
					model: rows[index].model,
					target_identity: rows[index].product,
				});
				const saved = results.find(
					(c) => c.model === rows[index].model && c.target_identity === rows[index].product,
				);
				expect(saved.pin_definitions).toEqual([
					{ position: rows[index].position, pin_type: 'item', pin_identity: rows[index].pinned },
				]);
				expect(saved.tags).toEqual([rows[index].campaign]);
			});
		},
	},

	'contentstack-personalize-ab-test.json': {
		check: async ({ runData, sandboxes }) => {
			const control = (route) =>
				sandboxes.control('contentstack-personalize', `contentstack-personalize/${route}`);
			const audience = output(runData, 'Create audience')[0].json;
			const experience = output(runData, 'Create A/B experience')[0].json;
			const [activated] = output(runData, 'Activate the test');
			expect(experience).toMatchObject({
				__type: 'AB_TEST',
				name: 'Homepage hero A/B test',
				latestVersion: expect.stringMatching(/^[0-9a-f]{24}$/),
			});
			expect(activated.pairedItem).toEqual({ item: 0 });
			expect(activated.json).toMatchObject({
				uid: experience.latestVersion,
				experienceUid: experience.uid,
				status: 'ACTIVE',
				variantSplit: 'CUSTOM_PERCENTAGE',
				targeting: { audience: { audiences: [audience.uid], audienceCombinationType: 'OR' } },
			});
			expect(
				activated.json.variants.map((variant) => [
					variant.name,
					variant.trafficDistribution,
					variant.shortUid,
				]),
			).toEqual([
				['Current hero', 50, '0'],
				['New hero', 50, '1'],
			]);
			const project = await control('project');
			expect(project.experiences.find((entry) => entry.uid === experience.uid)).toMatchObject({
				status: 'ACTIVE',
				tags: ['homepage'],
			});
			expect(project.audiences.find((entry) => entry.uid === audience.uid).definition).toEqual({
				__type: 'RuleCombination',
				combinationType: 'AND',
				rules: [
					{
						__type: 'Rule',
						attribute: { __type: 'PresetAttributeReference', ref: 'COUNTRY' },
						attributeMatchCondition: 'STRING_EQUALS',
						attributeMatchOptions: { __type: 'StringMatchOptions', value: 'DE' },
						invertCondition: false,
					},
				],
			});
			// Four nodes, one execution: the email/password credential logged in once, then reused the authtoken.
			expect((await control('logins')).logins).toBe(1);
		},
	},

	'contentstack-personalize-promote-staging.json': {
		check: async ({ runData }) => {
			const [snapshot] = output(runData, 'Export staging');
			expect(snapshot.json).toMatchObject({
				format: 'n8n-contentstack-personalize-config',
				version: 1,
			});
			const plan = output(runData, 'Plan the import (dry run)').map((item) => item.json);
			const applied = output(runData, 'Import into production').map((item) => item.json);
			const actions = (list) =>
				list.map((entry) => `${entry.type}:${entry.key ?? entry.name}:${entry.action}`);
			// The dry run announced exactly what the import then did, and nothing was deleted or skipped.
			expect(plan.every((entry) => entry.dryRun === true && !entry.error)).toBe(true);
			expect(actions(applied)).toEqual(actions(plan));
			expect(
				applied.every((entry) => ['created', 'updated', 'unchanged'].includes(entry.action)),
			).toBe(true);
			// Every staging attribute, audience and experience now exists in production.
			for (const attribute of snapshot.json.attributes)
				expect(actions(applied)).toContainEqual(
					expect.stringMatching(`^attribute:${attribute.key}:`),
				);
			for (const experience of snapshot.json.experiences)
				expect(applied.find((entry) => entry.name === experience.name).newUid).toMatch(
					/^[0-9a-f]{24}$/,
				);
		},
	},
};
