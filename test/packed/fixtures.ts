// Inputs in the formats real projects write, for the packed-package tests.

/**
 * Rails locale files using what the fast YAML reader declines, so the bundled
 * `yaml` package must load: anchors and merge keys, flow mappings and
 * sequences, block scalars (literal and folded), block sequences, quoted keys
 * (`"no"` would be a boolean unquoted) and plural groups.
 */
export const RAILS_LOCALES = {
  'config/locales/en.yml': `# English, the source
en:
  defaults: &defaults
    save: Save
    cancel: Cancel
  forms:
    <<: *defaults
    submit: "Submit"
  nav: { home: Home, account: "My account" }
  days: [Monday, Tuesday]
  steps:
    - Sign up
    - Confirm your email
  welcome: |
    Welcome, %{name}!
    Glad you are here.
  footer: >
    Made with care
    by the team.
  "no": "No"
  'key: with colon': Colon
  cart:
    items:
      one: "%{count} item"
      other: "%{count} items"
`,
  'config/locales/fr.yml': `fr:
  defaults: &defaults
    save: Enregistrer
    cancel: Annuler
  forms:
    <<: *defaults
    submit: "Envoyer"
  nav: { home: Accueil, account: "Mon compte" }
  days: [lundi, mardi]
  steps:
    - Inscription
    - Confirmez votre e-mail
  welcome: |
    Bienvenue, %{name} !
    Ravi de vous voir.
  footer: >
    Fait avec soin
    par l'équipe.
  "no": "Non"
  'key: with colon': Deux-points
  cart:
    items:
      one: "%{count} article"
      many: "%{count} d'articles"
      other: "%{count} articles"
`,
  // Polish misses a plural form it needs (few), the account link and the submit button.
  'config/locales/pl.yml': `pl:
  defaults: &defaults
    save: Zapisz
    cancel: Anuluj
  forms:
    <<: *defaults
  nav: {home: Start}
  days: [poniedziałek, wtorek]
  steps: [Rejestracja, Potwierdź e-mail]
  welcome: |-
    Witaj, %{name}!
  footer: >-
    Zrobione z troską.
  "no": "Nie"
  "key: with colon": Dwukropek
  cart:
    items:
      one: "%{count} produkt"
      many: "%{count} produktów"
      other: "%{count} produktu"
`,
};
