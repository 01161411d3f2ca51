//! The Spanish edition of the `bilingual` fixture: what a Spanish reader
//! gets under `/es/`, how untranslated and out-of-date translations are
//! shown and reported, and `casefile translated`.

mod common;

use std::path::Path;

use casefile::site::{self, BuildOptions};
use common::{build, copy_fixture, main_of};

/// Builds the site at `root` into `root/public`; the warnings' texts.
fn build_at(root: &Path) -> Vec<String> {
    let opts = BuildOptions {
        output: Some(root.join("public")),
        ..BuildOptions::new(root)
    };
    let built = site::build(&opts).unwrap_or_else(|f| panic!("{f}"));
    built.warnings.iter().map(|d| d.to_string()).collect()
}

#[test]
fn every_page_has_a_spanish_edition_under_es_in_spanish() {
    let site = build("bilingual");
    for f in site.html_files() {
        let html = site.read(&f);
        let spanish = f.starts_with("es/");
        let want = if spanish {
            "<html lang=\"es\">"
        } else {
            "<html lang=\"en\">"
        };
        assert!(html.contains(want), "{f}: {want}");
        if !spanish && f != "404.html" && !f.contains("/status/") {
            // Every English page has its Spanish counterpart.
            let es = format!("es/{f}");
            assert!(site.exists(&es), "{f} has no {es}");
        }
    }
    let home = site.read("es/index.html");
    assert!(
        home.contains("<title>Fixture de evidencia</title>"),
        "{home}"
    );
    // Interface words and month names in Spanish.
    assert!(home.contains("aria-label=\"Principal\""), "{home}");
    assert!(home.contains("<a href=\"/es/facts/\">Hechos</a>"), "{home}");
    let updates = site.read("es/updates/index.html");
    assert!(updates.contains("12 de enero de 2026"), "{updates}");
    // Links inside the Spanish edition stay in it.
    let money = site.read("es/articles/money/index.html");
    assert!(money.contains("<h1>El dinero</h1>"), "{money}");
    assert!(
        money.contains("href=\"/es/facts/contract-value/\""),
        "{money}"
    );
    assert!(!main_of(&money).contains("href=\"/facts/"), "{money}");
}

#[test]
fn hreflang_and_the_switcher_lead_to_the_same_page_both_ways() {
    let site = build("bilingual");
    let en = site.read("articles/money/index.html");
    let es = site.read("es/articles/money/index.html");
    for html in [&en, &es] {
        assert!(html.contains(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/articles/money/\">"
        ));
        assert!(html.contains(
            "<link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/es/articles/money/\">"
        ));
        assert!(html.contains(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/articles/money/\">"
        ));
    }
    // The switcher: the other language, named in itself.
    assert!(
        en.contains("<a href=\"/es/articles/money/\" hreflang=\"es\" lang=\"es\">Español</a>"),
        "{en}"
    );
    assert!(
        es.contains("<a href=\"/articles/money/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "{es}"
    );
    // Evidence pages too.
    let fact = site.read("es/facts/contract-value/index.html");
    assert!(fact.contains("hreflang=\"en\" href=\"https://example.org/facts/contract-value/\""));
    // The sitemap names both.
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains("<url><loc>https://example.org/es/articles/money/</loc>"));
    let entry = sitemap
        .lines()
        .find(|l| l.contains("<loc>https://example.org/articles/money/</loc>"))
        .unwrap();
    assert!(
        entry.contains("<xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/es/articles/money/\"/>"),
        "{entry}"
    );
}

#[test]
fn an_untranslated_page_is_shown_in_english_with_a_notice_and_listed_by_check() {
    let site = build("bilingual");
    let html = site.read("es/articles/background/index.html");
    // A notice in Spanish, the English text marked as English.
    assert!(
        html.contains("Esta página todavía no está traducida."),
        "{html}"
    );
    assert!(html.contains("<div lang=\"en\">"), "{html}");
    assert!(html.contains("Some background, without a single citation."));
    // Not a translation: its address is the original's, and it is no
    // alternate of it.
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/articles/background/\">")
    );
    assert!(!html.contains("hreflang=\"es\" href"), "{html}");
    assert!(!site
        .read("sitemap.xml")
        .contains("https://example.org/es/articles/background/"));
    // The Spanish navigation still lists it, and nothing links nowhere.
    assert!(site
        .read("es/articles/index.html")
        .contains("href=\"/es/articles/background/\""));
    let warnings: Vec<String> = site
        .summary()
        .warnings
        .iter()
        .map(|u| u.to_string())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("background")),
        "{warnings:?}"
    );
}

#[test]
fn an_untranslated_fact_keeps_its_english_words_marked_as_english() {
    let site = build("bilingual");
    let html = site.read("es/facts/contract-signed-monday/index.html");
    assert!(
        html.contains(
            "<h1 class=\"statement\" lang=\"en\">The Water Board signed the contract on Monday."
        ),
        "{html}"
    );
    assert!(html.contains("Esto todavía no está traducido"), "{html}");
    // The fact index in Spanish lists it too, with its language.
    let index = site.read("es/facts/index.html");
    assert!(index.contains("lang=\"en\""), "{index}");
    assert!(index.contains("El contrato vale 2 millones de dólares en cinco años."));
}

#[test]
fn quotes_stay_verbatim_with_our_translation_beside_them() {
    let site = build("bilingual");
    let en = site.read("facts/contract-value/index.html");
    let es = site.read("es/facts/contract-value/index.html");
    assert!(es
        .contains("<h1 class=\"statement\">El contrato vale 2 millones de dólares en cinco años."));
    // The source's own words, exactly as on the English page, marked English.
    let quote = |html: &str| {
        let at = html.find("<blockquote class=\"quote\"").unwrap();
        let p = &html[at..];
        let text = &p[p.find("<p").unwrap()..p.find("</p>").unwrap()];
        text[text.find('>').unwrap() + 1..].to_string()
    };
    assert_eq!(quote(&en), quote(&es));
    assert!(
        es.contains("<blockquote class=\"quote\"><p lang=\"en\">"),
        "{es}"
    );
    // Our translation, marked as ours, after it.
    let tr = "<p class=\"quote-translation\"><span class=\"label\">traducción nuestra:</span> El valor del contrato es de 2 millones de dólares.</p>";
    assert!(es.contains(tr), "{es}");
    assert!(!en.contains("quote-translation"));
    // The source page keeps the original text, untranslated.
    let source = site.read("es/sources/council-memo/index.html");
    assert!(source.contains("lang=\"en\""), "{source}");
}

#[test]
fn a_changed_original_makes_its_translation_stale_until_marked_translated() {
    let (_tmp, root) = copy_fixture("bilingual");
    let en = root.join("content/articles/the-contract.md");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(
        &en,
        format!("{text}\nA new paragraph, added after the translation.\n"),
    )
    .unwrap();

    let warnings = build_at(&root);
    let stale: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("the-contract.es.md"))
        .collect();
    assert_eq!(stale.len(), 1, "{warnings:#?}");
    // Names both files and what changed.
    assert!(
        stale[0].contains("content/articles/the-contract.md"),
        "{}",
        stale[0]
    );
    assert!(stale[0].contains("body"), "{}", stale[0]);
    assert!(stale[0].contains("casefile translated"), "{}", stale[0]);
    // The Spanish reader is told, with a link to the English.
    let page = common::read(&root.join("public"), "es/articles/the-contract/index.html");
    let note = page
        .lines()
        .find(|l| l.contains("translation-note"))
        .expect("a note");
    assert!(note.contains("notice"), "{note}");
    assert!(note.contains("href=\"/articles/the-contract/\""), "{note}");
    assert!(note.contains("inglés"), "{note}");

    // The translator updates it and says so.
    let es = root.join("content/articles/the-contract.es.md");
    let es_text = std::fs::read_to_string(&es).unwrap();
    std::fs::write(
        &es,
        format!("{es_text}\nUn párrafo nuevo, añadido después de la traducción.\n"),
    )
    .unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_casefile"))
        .args(["translated", "content/articles/the-contract.es.md"])
        .current_dir(&root)
        .status()
        .unwrap();
    assert!(status.success());
    let after = std::fs::read_to_string(&es).unwrap();
    assert_ne!(
        after,
        format!("{es_text}\nUn párrafo nuevo, añadido después de la traducción.\n")
    );
    assert!(
        after.contains("Un párrafo nuevo"),
        "the translation itself is kept"
    );

    let warnings = build_at(&root);
    assert!(
        !warnings.iter().any(|w| w.contains("the-contract.es.md")),
        "{warnings:#?}"
    );
    let page = common::read(&root.join("public"), "es/articles/the-contract/index.html");
    let note = page
        .lines()
        .find(|l| l.contains("translation-note"))
        .unwrap();
    assert!(!note.contains("notice"), "{note}");
}

#[test]
fn a_changed_fact_makes_its_translated_record_stale() {
    let (_tmp, root) = copy_fixture("bilingual");
    let facts = root.join("content/facts/money.toml");
    let text = std::fs::read_to_string(&facts).unwrap();
    let changed = text.replacen(
        "attribution = \"the budget office said\"",
        "attribution = \"according to the budget office\"",
        1,
    );
    assert_ne!(text, changed, "the fixture's attribution");
    std::fs::write(&facts, changed).unwrap();
    let warnings = build_at(&root);
    let w = warnings
        .iter()
        .find(|w| w.contains("money.es.toml"))
        .unwrap_or_else(|| panic!("{warnings:#?}"));
    assert!(w.contains("payments-start"), "{w}");
    assert!(w.contains("attribution"), "{w}");
    let page = common::read(&root.join("public"), "es/facts/payments-start/index.html");
    assert!(page.contains("translation-note notice"), "{page}");
}

#[test]
fn spanish_feeds_and_open_data() {
    let site = build("bilingual");
    let atom = site.read("es/updates/atom.xml");
    assert!(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"es\">"));
    assert!(atom.contains("<title>Fixture de evidencia: Actualizaciones y correcciones</title>"));
    // An update not translated yet is there, marked as English.
    assert!(atom.contains("xml:lang=\"en\""), "{atom}");
    let feed: serde_json::Value = serde_json::from_str(&site.read("es/updates/feed.json")).unwrap();
    assert_eq!(feed["language"], "es");

    let en: serde_json::Value = serde_json::from_str(&site.read("data/facts.json")).unwrap();
    let es: serde_json::Value = serde_json::from_str(&site.read("es/data/facts.json")).unwrap();
    assert_eq!(en["language"], "en");
    assert_eq!(es["language"], "es");
    assert_eq!(es["site"], "Fixture de evidencia");
    let find = |d: &serde_json::Value, id: &str| {
        d["facts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap()
            .clone()
    };
    let (e, s) = (find(&en, "contract-value"), find(&es, "contract-value"));
    assert_eq!(s["language"], "es");
    assert_eq!(
        s["statement"],
        "El contrato vale 2 millones de dólares en cinco años."
    );
    assert_eq!(s["url"], "https://example.org/es/facts/contract-value/");
    // Quotes: the source's words in every edition; ours beside them.
    assert_eq!(s["citations"][0]["quote"], e["citations"][0]["quote"]);
    assert_eq!(
        s["citations"][1]["translation"],
        "El valor del contrato es de 2 millones de dólares."
    );
    assert!(e["citations"][0].get("translation").is_none());
    let untranslated = find(&es, "contract-signed-monday");
    assert_eq!(untranslated["language"], "en");
    assert!(site
        .read("es/data/facts.csv")
        .contains("El contrato vale 2 millones"));
    let timeline = site.read("es/data/timeline.json");
    assert!(
        timeline.contains("La Junta del Agua firma el contrato"),
        "{timeline}"
    );
}

#[test]
fn spanish_search_has_its_own_index_with_the_spanish_stemmer() {
    let site = build("bilingual");
    let page = site.read("es/search/index.html");
    let at = page.find("id=\"search-manifest\">").unwrap();
    let body = &page[at + "id=\"search-manifest\">".len()..];
    let manifest: serde_json::Value =
        serde_json::from_str(&body[..body.find("</script>").unwrap()]).unwrap();
    assert_eq!(manifest["lang"], "es");
    assert_eq!(manifest["stem"], "es");
    assert!(
        page.contains("data-stemmer=\"/search-stem-es.js\""),
        "{page}"
    );
    assert!(site.exists("search-stem-es.js") && site.exists("search-stem-en.js"));
    // The Spanish index's results are the Spanish edition's records.
    let results = |dir: &str| -> String {
        site.files()
            .iter()
            .filter(|f| f.starts_with(&format!("{dir}d/")))
            .map(|f| site.read(f))
            .collect()
    };
    let (es, en) = (results("es/search/"), results("search/"));
    assert!(es.contains("El contrato vale 2 millones"), "{es}");
    assert!(es.contains("/es/facts/contract-value/"), "{es}");
    assert!(!en.contains("El contrato vale"), "{en}");
    // Names of terms and people in both languages.
    let names = site.read("es/search/words.json");
    assert!(
        names.contains("licitacion") && names.contains("tender"),
        "{names}"
    );
    // A translation's own aliases: Spanish readers' words, in the Spanish
    // index only.
    assert!(names.contains("concurso publico"), "{names}");
    assert!(!site.read("search/words.json").contains("concurso"));
}

#[test]
fn a_translations_alias_is_checked_like_the_originals() {
    let (_tmp, root) = copy_fixture("bilingual");
    let glossary = root.join("content/glossary.es.toml");
    let text = std::fs::read_to_string(&glossary).unwrap();
    std::fs::write(
        &glossary,
        text.replace(
            "aliases = [\"concurso público\"]",
            "aliases = [\"Licitación\", \"  \"]",
        ),
    )
    .unwrap();
    let opts = BuildOptions {
        output: Some(root.join("public")),
        ..BuildOptions::new(&root)
    };
    let failure = site::build(&opts).expect_err("two bad aliases");
    let errors: Vec<String> = failure.errors().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("twice") && e.contains("glossary.es.toml")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("no word in it")),
        "{errors:#?}"
    );
}

#[test]
fn a_term_page_leads_to_the_term_its_translations_carry() {
    let (_tmp, root) = copy_fixture("bilingual");
    let topics = |rel: &str, terms: &str| {
        let path = root.join("content").join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let end = text[3..].find("+++").unwrap() + 3;
        let with = format!(
            "{}[taxonomies]\ntopics = [{terms}]\n{}",
            &text[..end],
            &text[end..]
        );
        std::fs::write(&path, with).unwrap();
    };
    topics("articles/money.md", "\"money\", \"water\"");
    topics("articles/money.es.md", "\"agua\", \"dinero\"");
    topics("articles/the-contract.md", "\"water\"");
    topics("articles/the-contract.es.md", "\"agua\"");
    let warnings = build_at(&root);
    assert!(
        !warnings.iter().any(|w| w.contains("money.es.md")),
        "{warnings:#?}"
    );
    let out = root.join("public");
    // Paired by the pages they list, not by name or order.
    let water = common::read(&out, "topics/water/index.html");
    assert!(
        water.contains("hreflang=\"es\" href=\"https://example.org/es/topics/agua/\""),
        "{water}"
    );
    assert!(water.contains("<a href=\"/es/topics/agua/\" hreflang=\"es\" lang=\"es\">Español</a>"));
    let dinero = common::read(&out, "es/topics/dinero/index.html");
    assert!(
        dinero.contains("hreflang=\"en\" href=\"https://example.org/topics/money/\""),
        "{dinero}"
    );
    assert!(!dinero.contains("topics/water/"), "{dinero}");
}
