// Stems words with the stemmers search.js ships, for tests/stemmers.rs:
//
//   node tests/stem/stem.mjs SEARCH_JS WORDS_FILE
//
// prints, for each line of WORDS_FILE (one word), "english stem<TAB>spanish
// stem". search.js runs as the browser runs it (a classic script), in a
// context with no page: its search interface finds no form and stops, and
// the stemmers it defines are read from the context.
import fs from "node:fs";
import vm from "node:vm";

const [code, words] = [fs.readFileSync(process.argv[2], "utf8"), fs.readFileSync(process.argv[3], "utf8")];
const nothing = () => null;
const context = { document: { querySelector: nothing, getElementById: nothing }, window: {} };
vm.createContext(context);
vm.runInContext(code, context, { filename: "search.js" });
const stem = context.casefileStemmers;
if (!stem || typeof stem.en !== "function" || typeof stem.es !== "function") {
  console.error("search.js defines no casefileStemmers.en and .es");
  process.exit(2);
}
const out = words.split("\n").filter((w) => w.length).map((w) => `${stem.en(w)}\t${stem.es(w)}`);
process.stdout.write(out.join("\n") + "\n");
