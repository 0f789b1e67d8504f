"""E-mail building blocks shared by the newsletter and the kit's reminders: the Brevo settings
(newsletters/config.yml), Brevo tags, the plain-text version and the e-mail checks."""
