// axe-core over HTML files in jsdom: prints, per file, the rules violated (with the first
// offending element) and the rules axe could not decide, as JSON, for tests/test_accessibility.py.
// jsdom draws nothing, so colour contrast is among the undecided; the test checks the
// stylesheet's colours itself.
"use strict";
const fs = require("fs");
const { JSDOM, VirtualConsole } = require("jsdom");

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function check(file) {
  const quiet = new VirtualConsole(); // jsdom's "canvas not implemented" is expected noise
  const dom = new JSDOM(fs.readFileSync(file, "utf8"), {
    runScripts: "outside-only",
    pretendToBeVisual: true,
    virtualConsole: quiet,
  });
  dom.window.eval(axeSource);
  const found = await dom.window.axe.run(dom.window.document, {
    resultTypes: ["violations", "incomplete"],
  });
  return {
    violations: found.violations.map((rule) => ({
      id: rule.id,
      impact: rule.impact,
      help: rule.help,
      count: rule.nodes.length,
      first: rule.nodes[0] ? rule.nodes[0].html.slice(0, 160) : "",
    })),
    incomplete: found.incomplete.map((rule) => rule.id),
  };
}

(async () => {
  const results = {};
  for (const file of process.argv.slice(2)) {
    results[file] = await check(file);
  }
  process.stdout.write(JSON.stringify(results));
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
