// Stems words with the query stemmers readers get, for tests/stemmers.rs:
//
//   node tests/stem/stem.mjs search-stem-en.js search-stem-es.js WORDS_FILE
//
// prints, for each line of WORDS_FILE (one word), "english stem<TAB>spanish
// stem". Each script runs as the browser runs it (a classic script) in a
// context of its own, and the stemmer it defines is read from it.
import fs from "node:fs";
import vm from "node:vm";

const args = process.argv.slice(2);
const words = fs.readFileSync(args.pop(), "utf8");
const stem = {};
for (const file of args) {
  const context = {};
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  Object.assign(stem, context.casefileStemmers);
}
if (typeof stem.en !== "function" || typeof stem.es !== "function") {
  console.error("the scripts define no casefileStemmers.en and .es");
  process.exit(2);
}
const out = words.split("\n").filter((w) => w.length).map((w) => `${stem.en(w)}\t${stem.es(w)}`);
process.stdout.write(out.join("\n") + "\n");
