// The demo's application: a small storefront whose features each live in their own
// files (code and locale files), so excluding one commit reverts cleanly.

export type Files = Record<string, string>;

const feature = (name: string, body: string): Files => ({ [`app/features/${name}.js`]: `${body}\n` });

/** One feature's strings in en, fr and de, as Rails-style YAML files. */
function locales(name: string, strings: Record<'en' | 'fr' | 'de', Record<string, string>>): Files {
  const files: Files = {};
  for (const [locale, entries] of Object.entries(strings)) {
    const lines = Object.entries(entries).map(([key, value]) => `    ${key}: "${value}"`);
    files[`config/locales/${name}.${locale}.yml`] = `${locale}:\n  ${name}:\n${lines.join('\n')}\n`;
  }
  return files;
}

// Puts the tree of the commit shipit chose in releases/<deploy id>, then points `current` at it.
const DEPLOY_SCRIPT = `#!/bin/sh
set -eu
release="$DEPLOY_TO/releases/$SHIPIT_DEPLOY_ID"
mkdir -p "$release"
git archive "$SHIPIT_SHA" | tar -x -m -C "$release"
ln -sfn "releases/$SHIPIT_DEPLOY_ID" "$DEPLOY_TO/current"
echo "$SHIPIT_ACTION: $(echo "$SHIPIT_SHA" | cut -c1-7) is live in releases/$SHIPIT_DEPLOY_ID"
`;

export function configFile(options: { repository: string; statuspageUrl: string; healthUrl: string }): string {
  return `// The demo's shipit config: the same shape as the one \`shipit init\` writes, with two environments,
// a hook, a Slack webhook and a verification window on production.
export default {
  branch: 'main',
  github: { repository: '${options.repository}' },
  checks: [
    { name: 'ci', type: 'ci-status' },
    { name: 'translations', type: 'translations', files: 'config/locales/**/*.yml', source: 'en' },
    { name: 'batch-size', type: 'batch-size', commits: { warn: 20, fail: 50 } },
    { name: 'status-page', type: 'statuspage', url: '${options.statuspageUrl}', on: ['deploy', 'rollback'] },
  ],
  hooks: { afterDeploy: 'echo "smoke test passed on $SHIPIT_ENVIRONMENT"' },
  notifications: [{ type: 'slack', url: '\${env:SLACK_WEBHOOK}' }],
  // Each environment's deploy "server" is a folder next to this checkout.
  environments: {
    staging: { deploy: { run: './bin/deploy', env: { DEPLOY_TO: '../staging' } } },
    production: {
      deploy: {
        run: './bin/deploy',
        env: { DEPLOY_TO: '../server' },
        // Watch the storefront's health after each deploy; two failing rounds in a row roll it back.
        verify: {
          for: '1s',
          every: '250ms',
          failAfter: 2,
          checks: [{ type: 'http', name: 'health', url: '${options.healthUrl}', timeout: '2s' }],
        },
      },
      promote: { from: 'staging' },
    },
  },
};
`;
}

export const storefront = {
  skeleton: (config: string): Files => ({
    'README.md': '# Storefront\n',
    'deploy.config.ts': config,
    'bin/deploy': DEPLOY_SCRIPT,
    'app/server.js': "export const features = ['catalog'];\n",
    ...feature('catalog', 'export const listProducts = (db) => db.products.all();'),
    ...locales('catalog', {
      en: { title: 'Our products', empty: 'Nothing here yet' },
      fr: { title: 'Nos produits', empty: 'Rien pour le moment' },
      de: { title: 'Unsere Produkte', empty: 'Noch nichts hier' },
    }),
  }),
  productPage: (): Files => ({
    ...feature('product-page', 'export const showProduct = (db, id) => db.products.find(id);'),
    ...locales('product_page', {
      en: { add_to_cart: 'Add to cart' },
      fr: { add_to_cart: 'Ajouter au panier' },
      de: { add_to_cart: 'In den Warenkorb' },
    }),
  }),
  search: (): Files => ({
    // The faulty one: its CI fails (the query is built from raw input).
    ...feature(
      'search',
      'export const search = (db, q) => db.query("SELECT * FROM products WHERE name LIKE \'" + q + "\'");',
    ),
    ...locales('search', {
      en: { placeholder: 'Search products' },
      fr: { placeholder: 'Rechercher des produits' },
      de: { placeholder: 'Produkte suchen' },
    }),
  }),
  wishlist: (): Files => ({
    ...feature('wishlist', 'export const addToWishlist = (user, product) => user.wishlist.add(product.id);'),
    ...locales('wishlist', {
      en: { add: 'Save for later' },
      fr: { add: 'Garder pour plus tard' },
      de: { add: 'Für später merken' },
    }),
  }),
  cartRounding: (): Files =>
    feature('cart', 'export const total = (items) => Math.round(items.reduce((sum, i) => sum + i.cents, 0));'),
  giftCards: (): Files => ({
    ...feature('gift-cards', 'export const redeem = (card, order) => order.applyCredit(card.balance);'),
    ...locales('gift_cards', {
      en: { redeem: 'Redeem a gift card' },
      fr: { redeem: 'Utiliser une carte cadeau' },
      de: { redeem: 'Gutschein einlösen' },
    }),
  }),
  checkoutCopy: (): Files => feature('checkout', "export const confirmLabel = 'Place your order';"),
};
