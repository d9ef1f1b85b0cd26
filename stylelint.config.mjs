/** stylelint for static/css (`make lint-css`, run by .ci/run): the standard config, logical properties only,
 * BEM class names. Each rule changed from the standard says why. */
export default {
  extends: ["stylelint-config-standard"],
  plugins: ["stylelint-use-logical"],
  reportNeedlessDisables: true,
  reportInvalidScopeDisables: true,
  rules: {
    // One stylesheet serves both directions: margin-left, padding-right, left, width, float: left,
    // text-align: right … are refused in favour of their logical (inline/block, start/end) forms.
    "csstools/use-logical": ["always"],
    // BEM in kebab case; a modifier may carry a status as the database spells it (order-status--pending_payment).
    "selector-class-pattern": [
      "^[a-z][a-z0-9]*(-[a-z0-9]+)*(__[a-z0-9]+(-[a-z0-9]+)*)?(--[a-z0-9]+([-_][a-z0-9]+)*)?$",
      { message: (name) => `Class names are BEM in kebab case: block, block__element, block--modifier (${name})` },
    ],
    // min-width/max-width work in every browser the shop supports; the range form (width >= 40em) does not
    // in Safari before 16.4, where the whole rule would be dropped.
    "media-feature-range-notation": "prefix",
    // Rules are grouped by component and page, and the layers (tokens, base, components, pages, portal) order
    // them; a later, less specific rule for another element is not an override, which this rule cannot tell.
    "no-descending-specificity": null,
    // Font family names keep their capitals (Georgia), as their foundries spell them.
    "value-keyword-case": ["lower", { ignoreProperties: ["font-family", "/^--font-/"] }],
  },
};
