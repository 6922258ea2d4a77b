/** The account page's stylesheet (served as /account/style.css): dark, red accent, phone-first. */
export const ACCOUNT_CSS = `
:root { color-scheme: dark; --bg: #141414; --card: #1f1f1f; --line: #333; --text: #f5f5f1; --muted: #b3b3b3; --red: #e50914; --red-dark: #b20710; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; min-height: 100vh; background: radial-gradient(circle at 50% -20%, #3a0d10 0%, var(--bg) 55%) fixed; color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--text); }
.top { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 1rem 1.25rem; max-width: 60rem; margin: 0 auto; }
.brand { color: var(--red); font-weight: 900; letter-spacing: .12em; font-size: 1.5rem; text-decoration: none; text-transform: uppercase; }
main { max-width: 28rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
main.wide { max-width: 40rem; }
.card { background: rgba(0, 0, 0, .75); border-radius: 8px; padding: 2rem 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1.25rem; }
h2 { font-size: 1.05rem; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; margin: 0 0 .75rem; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1.25rem; margin: 0 0 1rem; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .5rem 1rem; }
dt { color: var(--muted); }
dd { margin: 0; word-break: break-word; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.plain li { padding: .6rem 0; border-top: 1px solid var(--line); }
ul.plain li:first-child { border-top: 0; padding-top: 0; }
.sub { color: var(--muted); font-size: .9rem; }
.settings-link { display: flex; justify-content: space-between; align-items: center; text-decoration: none; padding: .25rem 0; font-weight: 600; }
.settings-link::after { content: "\\203A"; color: var(--muted); font-size: 1.5rem; line-height: 1; }
label { display: block; font-weight: 600; margin: 1rem 0 .35rem; }
input[type=email], input[type=password], input[type=text] { width: 100%; font: inherit; color: var(--text); background: #333; border: 1px solid #555;
  border-radius: 4px; padding: .85rem 1rem; }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #fff; outline-offset: 2px; }
button, .button { display: inline-block; font: inherit; font-weight: 700; cursor: pointer; border: 0; border-radius: 4px; padding: .85rem 1.5rem;
  background: var(--red); color: #fff; text-decoration: none; text-align: center; min-height: 3rem; }
button:hover, .button:hover { background: var(--red-dark); }
form.stack button { width: 100%; margin-top: 1.5rem; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin-top: 1.5rem; }
.actions > * { flex: 1 1 10rem; }
.secondary { background: transparent; border: 1px solid #777; color: var(--text); }
.secondary:hover { background: #2a2a2a; }
.link-button { background: transparent; border: 0; padding: .5rem; min-height: auto; font-weight: 600; text-decoration: underline; }
.link-button:hover { background: transparent; color: var(--muted); }
.alert { background: #e87c03; color: #000; border-radius: 4px; padding: .75rem 1rem; margin: 0 0 1rem; }
.notice { background: #2b2b2b; border-left: 4px solid var(--red); border-radius: 4px; padding: .75rem 1rem; margin: 0 0 1rem; }
li.device { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
.device-main { flex: 1 1 16rem; min-width: 0; word-break: break-word; }
.tag { display: inline-block; font-size: .8rem; font-weight: 700; background: #2b2b2b; border: 1px solid #555; border-radius: 999px; padding: 0 .6rem; margin-left: .25rem; }
button.small { min-height: 2.5rem; padding: .4rem 1rem; }
.check { display: flex; align-items: center; gap: .6rem; margin-top: 1rem; }
.check label { margin: 0; }
.check input { width: 1.25rem; height: 1.25rem; accent-color: var(--red); }
p { margin: 0 0 1rem; }
.muted { color: var(--muted); }
#code { font-size: 1.4rem; letter-spacing: .12em; text-transform: uppercase; font-variant-numeric: tabular-nums; }
@media (max-width: 30rem) { h1 { font-size: 1.6rem; } .card { padding: 1.5rem 1rem; background: transparent; } main { padding: .5rem 1rem 2rem; } }
`;
