// The examples as every real n8n here imports them (npm run dev, the e2e tests): only the file folder
// changes, and every file path in an example is under the folder that gets changed.
const {
	exampleFiles,
	forInstance,
	readExample,
	DOCKER_FILES_FOLDER,
} = require('../../scripts/n8n/examples');

test('file paths move from the Docker folder to the instance folder; nothing else changes', () => {
	const file = 'luigisbox-nightly-backup.json';
	const original = readExample(file);
	const imported = forInstance(file, { fileFolder: '/tmp/dev-files' });
	const write = imported.nodes.find((node) => node.type === 'n8n-nodes-base.readWriteFile');
	expect(write.parameters.fileName).toBe('=/tmp/dev-files/{{ $binary.data.fileName }}');
	const strip = (workflow) =>
		workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.readWriteFile');
	expect(strip(imported)).toEqual(strip(original));
	expect(imported.connections).toEqual(original.connections);
});

test.each(exampleFiles())(
	'%s writes files only under the Docker folder, which the import moves',
	(file) => {
		for (const node of readExample(file).nodes.filter(
			(entry) => entry.type === 'n8n-nodes-base.readWriteFile',
		))
			expect(node.parameters.fileName).toContain(`${DOCKER_FILES_FOLDER}/`);
	},
);

test('every example gets its own n8n workflow ID (an import under a shared ID replaces the other)', () => {
	const { exampleFiles, workflowId } = require('../../scripts/n8n/examples');
	const ids = exampleFiles().map(workflowId);
	expect(new Set(ids).size).toBe(ids.length);
	for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9]{16}$/);
});
