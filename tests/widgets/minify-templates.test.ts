// The build squeezes the widgets' html``, svg`` and css`` templates (scripts/lib/vite-minify-templates.ts):
// what a browser renders from them must not change, bindings least of all.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are sources with bindings in them.
import { describe, expect, it } from 'vitest';
import { minifyTemplates, squeezeCss, squeezeMarkup } from '../../scripts/lib/vite-minify-templates.ts';

describe('markup templates', () => {
  it('turn indentation across lines into one space and leave a line of text as it is', () => {
    expect(squeezeMarkup('<div>\n      <p class="a  b">Two  spaces</p>\n    </div>')).toBe(
      '<div> <p class="a  b">Two  spaces</p> </div>',
    );
  });

  it('keep bindings, attribute names and the space between two words on two lines', () => {
    const source =
      'const v = html`<button\n  type="button"\n  @click=${() => go()}\n>\n  ${label}\n  more\n</button>`;';
    const { code, count } = minifyTemplates(source);
    expect(count).toBe(1);
    expect(code).toBe(
      'const v = html`<button type="button" @click=${() => go()} > ${label} more </button>`;',
    );
  });

  it('leave a template with <pre> or a filled <textarea> untouched, an empty <textarea> not', () => {
    const pre = 'html`<pre>\n  a\n    b</pre>`';
    expect(minifyTemplates(pre).code).toBe(pre);
    const filled = 'html`<textarea>\n  ${text}\n</textarea>`';
    expect(minifyTemplates(filled).code).toBe(filled);
    expect(minifyTemplates('html`<textarea\n  rows="2"\n></textarea>`').code).toBe(
      'html`<textarea rows="2" ></textarea>`',
    );
  });

  it('squeeze nested templates and svg, and touch no other template or string', () => {
    const source = [
      'const a = html`<ul>\n  ${xs.map((x) => html`<li>\n  ${x}\n</li>`)}\n</ul>`;',
      'const b = svg`<path\n  d="M0 0"\n/>`;',
      'const c = `keep\n  this`;',
      "const d = 'and\\n  this';",
    ].join('\n');
    expect(minifyTemplates(source).code).toBe(
      [
        'const a = html`<ul> ${xs.map((x) => html`<li> ${x} </li>`)} </ul>`;',
        'const b = svg`<path d="M0 0" />`;',
        'const c = `keep\n  this`;',
        "const d = 'and\\n  this';",
      ].join('\n'),
    );
  });
});

describe('css templates', () => {
  it('drop comments and the whitespace the syntax does not need', () => {
    expect(
      squeezeCss(
        '\n  /* why */\n  :host {\n    display: block;\n  }\n  .a > .b,\n  .c :is(.d) {\n    margin: 0 auto;\n    width: calc(100% - 2px);\n  }\n',
        true,
        true,
      ),
    ).toBe(':host{display:block}.a>.b,.c :is(.d){margin:0 auto;width:calc(100% - 2px)}');
  });

  it('keep strings as written and one space next to a binding', () => {
    expect(squeezeCss("\n  .x::before {\n    content: '  a  ';\n    margin: ", true, false)).toBe(
      ".x::before{content:'  a  ';margin:",
    );
    expect(squeezeCss(' ', false, false)).toBe(' ');
    expect(squeezeCss('\n  }\n  ', false, false)).toBe('}');
    expect(squeezeCss('  solid red;\n  }\n', false, true)).toBe(' solid red}');
    const { code } = minifyTemplates('css`\n  .a {\n    border: ${w} ${style};\n  }\n  ${shared}\n`');
    expect(code).toBe('css`.a{border:${w} ${style}}${shared}`');
  });
});
