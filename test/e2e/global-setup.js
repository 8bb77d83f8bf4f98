// Runs once before the e2e files, which run two at a time: what they all need and would otherwise
// each install on a fresh machine at the same moment (n8n into .cache/, Debian's chromium and
// redis-server, both through apt, which allows one install at a time).
const { ensureN8n } = require('../../scripts/n8n/ensure');
const { ensureChromium } = require('../../scripts/n8n/editor-check');
const { ensureRedis } = require('../../scripts/n8n/queue-mode');

module.exports = async () => {
	await ensureN8n();
	ensureChromium();
	ensureRedis();
};
