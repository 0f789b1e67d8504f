"""Newsletter issues: model (newsletters/*.md), e-mail rendering (MJML + inlined CSS), the plain
text version, e-mail checks and the Brevo client."""
