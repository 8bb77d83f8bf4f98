// The example workflows as a real n8n instance imports them: `npm run dev`, the demo and the e2e
// tests all go through here, so an example that runs in one runs in all. The only change made is the
// folder files are written to: the examples name the Docker image's /home/node/.n8n-files, which n8n
// 2.x allows by default there (N8N_RESTRICT_FILE_ACCESS_TO); elsewhere the instance gets its own.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const DOCKER_FILES_FOLDER = '/home/node/.n8n-files';

const exampleFiles = () =>
	fs
		.readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.json'))
		.sort();
// n8n's IDs are 16 characters: a readable start plus a hash of the whole name, so that examples
// whose names start alike (contentstack-personalize-…) never share one.
const workflowId = (file) => {
	const name = path.basename(file, '.json');
	const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
	return `${name.replace(/[^a-zA-Z0-9]/g, '').slice(0, 10)}${hash}`;
};
const readExample = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
/** Examples started by one of our polling triggers: they run when activated, not with `n8n execute`. */
const isTriggerExample = (file) =>
	readExample(file).nodes.some((node) => /^n8n-nodes-personalization\.\w+Trigger$/.test(node.type));
const triggerExampleFiles = () => exampleFiles().filter(isTriggerExample);
const executableExampleFiles = () => exampleFiles().filter((file) => !isTriggerExample(file));

/** The workflow with its id, and file paths moved from the Docker folder to `fileFolder`. */
function forInstance(file, { fileFolder }) {
	const workflow = readExample(file);
	return {
		...workflow,
		id: workflowId(file),
		nodes: workflow.nodes.map((node) =>
			node.type === 'n8n-nodes-base.readWriteFile' && typeof node.parameters.fileName === 'string'
				? {
						...node,
						parameters: {
							...node.parameters,
							fileName: node.parameters.fileName.split(DOCKER_FILES_FOLDER).join(fileFolder),
						},
					}
				: node,
		),
	};
}

/** Imports every example into an instance from scripts/n8n/instance.js started with `fileFolder`. */
async function importExamples(n8n, { fileFolder }) {
	for (const file of exampleFiles()) await n8n.importWorkflow(forInstance(file, { fileFolder }));
}

module.exports = {
	exampleFiles,
	triggerExampleFiles,
	executableExampleFiles,
	workflowId,
	readExample,
	forInstance,
	importExamples,
	DOCKER_FILES_FOLDER,
};
