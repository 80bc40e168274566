#!/usr/bin/env python3
"""Writes the two variants of the i18n size bench from app/src/i18n/{fr,en}.rs: the Atlas's own
struct of strings (src/baseline.rs) and leptos_i18n 0.6 with the same keys (locales/*.json,
src/with_i18n.rs). Each renders every key once, so neither variant can drop strings."""
import json, pathlib, re

here = pathlib.Path(__file__).resolve().parent
i18n = here.parent.parent / "app/src/i18n"

def unescape(s):
    s = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda m: chr(int(m.group(1), 16)), s)
    return s.replace('\\"', '"').replace("\\\\", "\\").replace("\\n", "\n")

def load(name):
    text = (i18n / name).read_text()
    return {m.group(1): unescape(m.group(2)) for m in re.finditer(r'^    ([a-z_0-9]+): "((?:[^"\\]|\\.)*)",', text, re.M)}

fr, en = load("fr.rs"), load("en.rs")
keys = [k for k in fr if k in en]
plain = lambda s: s.replace("{", "(").replace("}", ")")  # no interpolation in this bench
(here / "locales").mkdir(exist_ok=True)
for lang, d in (("fr", fr), ("en", en)):
    json.dump({k: plain(d[k]) for k in keys}, open(here / f"locales/{lang}.json", "w"), ensure_ascii=False, indent=1)

def groups(items):
    return "<div>" + "".join("<ul>" + "".join(items[i:i + 20]) + "</ul>" for i in range(0, len(items), 20)) + "</div>"

fields = "\n".join(f"    pub {k}: &'static str," for k in keys)
inst = lambda name, d: f"pub const {name}: Texts = Texts {{\n" + "\n".join(f"    {k}: {json.dumps(plain(d[k]), ensure_ascii=False)}," for k in keys) + "\n};\n"
baseline = ("use leptos::prelude::*;\npub struct Texts {\n" + fields + "\n}\n" + inst("FR", fr) + inst("EN", en) +
    "pub fn texts(en: bool) -> &'static Texts { if en { &EN } else { &FR } }\n#[component]\npub fn All() -> impl IntoView {\n"
    "    let en = web_sys::window().map(|w| w.location().pathname().unwrap_or_default().starts_with(\"/en\")).unwrap_or(false);\n"
    "    let t = texts(en);\n    view! { " + groups([f"<li>{{t.{k}}}</li>" for k in keys]) + " }\n}\n")
(here / "src/baseline.rs").write_text(baseline)
with_i18n = ("use leptos::prelude::*;\nleptos_i18n::load_locales!();\nuse i18n::*;\n#[component]\npub fn All() -> impl IntoView {\n"
    "    let i18n = use_i18n();\n    view! { " + groups([f"<li>{{t!(i18n, {k})}}</li>" for k in keys]) + " }\n}\n")
(here / "src/with_i18n.rs").write_text(with_i18n)
print(f"{len(keys)} keys")
