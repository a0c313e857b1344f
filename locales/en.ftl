# The English edition: every label, term and sentence the PDF and the web
# edition print that is not a register value. One catalogue per language
# (en, ru, kk, uz); each has every message of this one, which
# src/publish/locale.rs tests. Fluent syntax: https://projectfluent.org/
#
# A message with `{ $name }` placeables is filled in by the tool or by a
# template, `t("id", name=value)`. Dates are worded by CLDR (through ICU4X)
# for the locale `date-locale` names: a language tag, e.g. `en-GB` for
# "8 August 2024" where plain `en` would give "August 8, 2024"; state names
# come from Debian's iso-codes (state-XXX here overrides a missing or
# unwanted one).

## Dates: the CLDR locale whose long date forms the edition uses.

date-locale = en-GB

## Words used everywhere.

not-recorded = not recorded
not-translated = not translated
none = None.
list-separator = ,{" "}
quoted = “{ $text }”
inferred-value = {"["}{ $value }{"]"}
abbr-number = No.
abbr-page = p.
abbr-volume = vol.
page-of = Page { $page } of { $total }
contents = Contents
keyword-register = treaty register
keyword-instruments = international instruments
instruments-count = { $count ->
    [one] { $count } instrument
   *[other] { $count } instruments
}

## Title pages.

edition-of = Edition { $number } of { $date }
status-as-of = Status as of { $date }
issuing-authority = Issuing authority: { $authority }.
in-force-from-acts = { $date } (from the acts of the parties)
no-instruments-as-of = No instruments recorded as of { $date }.
colophon-edition-signed = Edition { $number }, signed by { $signer }
colophon-edition-of = Edition of { $date }
colophon-produced = Produced with { $tool } { $version } and typst { $typst }.
volume-of = Volume { $number }
volume-line = Vol. { $volume }: Nos. { $first }–{ $last } ({ $first_id } to { $last_id })
volume-line-one = Vol. { $volume }: No. { $first } ({ $first_id })
general-volume = General volume
volume-entries = Entries { $first } to { $last } ({ $count ->
    [one] { $count } instrument
   *[other] { $count } instruments
})
volume-colophon = The general volume holds the foreword, the list of volumes and indexes, and the register digest.
translation-of = Translation of the register's labels into { $language }; the register's own texts are in { $original }.

## Front matter.

foreword = Foreword
changes-heading = Changes since edition { $number }
changes-intro = This is edition { $number } of { $date }. It follows edition { $previous }, whose manifest (manifest.sha256, archived in the register's editions/ folder) has the SHA-256 digest
changes-chain = which this edition's manifest records, so that the editions form a chain: an earlier edition cannot be changed without breaking it.
change-added = Added
change-changed = Changed
change-removed = Removed
change-withdrawn = Withdrawn
change-withdrawn-reason = { $date }: { $reason }
change-general = Also changed
change-nothing = No instrument was added, changed or removed.
change-field = { $field ->
    [title] title
    [titles] titles in other languages
    [type] type
    [level] level
    [depositary] depositary
    [parties] parties
    [signed] signature
    [status] status
    [in-force] in force
    [term] term
    [relations] relations
    [subjects] subjects
    [languages] languages
    [sources] sources
    [notes] notes
    [files] files
    [registration] registration
   *[other] { $field }
}
change-new-act = new act: { $state }: { $action }, { $date }
change-act-removed = act removed: { $state }: { $action }, { $date }
change-text-only = the entry's text (no field changed)
change-not-archived = the entry (its earlier text is not in the archive)
change-metadata = the register's metadata (register.yaml)
change-attachments = attachments
change-templates = the templates
change-signers = who may sign editions (allowed_signers)
change-catalogues = the message catalogues (locales/)
abbreviations-and-terms = Abbreviations and terms
abbreviations = Abbreviations
abbr-number-means = number of the entry in this register
abbr-page-means = page
abbr-volume-means = volume
abbr-state-means = { $state } (ISO 3166-1 alpha-3 code)
abbr-sha256-means = cryptographic digest of a file (FIPS 180-4), in hexadecimal
statuses-heading = Status of instruments
statuses-as-of = The status is given as of { $date }.
levels-heading = Levels
nothing-inferred = Nothing is inferred silently: what the sources do not give is left out of an entry and named on its last line, “{ field-not-recorded }”, or printed as “{ not-recorded }” where it would stand within a field. A date, place or level that the editors inferred from the sources is printed in square brackets [ ] wherever it stands, and the entry gives the reason on a line “{ field-inferred }”; other inferences are explained in the entry's notes. Relations, notes and attachments an entry does not have get no line: there are none, which is known.

## Keywords: types, levels, statuses, acts, relations.

type-joint-statement = joint statement
type-declaration = declaration
type-decision = decision
type-treaty = treaty
type-agreement = agreement
type-protocol = protocol
type-memorandum = memorandum
type-programme = programme
type-action-plan = action plan
type-roadmap = roadmap
type-exchange-of-notes = exchange of notes
type-other = other
level-interstate = interstate
level-interstate-means = between the states, by heads of state or joint interstate bodies
level-intergovernmental = intergovernmental
level-intergovernmental-means = between the governments
level-interagency = interagency
level-interagency-means = between ministries, agencies or committees
level-subnational = subnational
level-subnational-means = between regions or cities
level-institutional = institutional
level-institutional-means = between institutes, foundations and other bodies
status-signed = signed
status-signed-means = signed; entry into force not recorded or not yet reached
status-adopted = adopted
status-adopted-means = adopted by the parties or a joint body, without signature
status-in-force = in force
status-in-force-means = in force between the parties
status-provisionally-applied = provisionally applied
status-provisionally-applied-means = applied before entry into force
status-expired = expired
status-expired-means = no longer in force because its term has ended
status-terminated = terminated
status-terminated-means = no longer in force by decision of the parties
status-superseded = superseded
status-superseded-means = replaced by a later instrument
party-status-signed = signed
party-status-consented = consented to be bound
party-status-provisionally-applied = provisionally applied
party-status-in-force = in force
party-status-denounced = denounced
party-status-terminated = terminated
party-status-effective = { $status } (effective { $date })
action-signature = signature
action-definitive-signature = definitive signature
action-ratification = ratification
action-acceptance = acceptance
action-approval = approval
action-accession = accession
action-succession = succession
action-notification = notification
action-provisional-application = provisional application
action-entry-into-force = entry into force
action-reservation = reservation
action-declaration = declaration
action-objection = objection
action-withdrawal-of-reservation = withdrawal of reservation
action-denunciation = denunciation
action-withdrawal = withdrawal
action-suspension = suspension
action-termination = termination
relation-amends = Amends
relation-supplements = Supplements
relation-replaces = Replaces
relation-terminates = Terminates
relation-implements = Implements

## Entries.

# The width of the field labels' column, in em: the longest label fits.
field-label-width = 10.5

instruments = Instruments
entry-heading = No. { $number } · { $id }
entry-continued = { $entry } (continued)
field-type = Type
field-level = Level
field-parties = Parties
field-signed-on = Signed on
field-adopted-on = Adopted on
field-signed-at = Signed at
field-adopted-at = Adopted at
field-signatories = Signatories
field-depositary = Depositary
field-status = Status
field-in-force = Entry into force
field-term = Term
field-participants = Participants
field-statements = Statements
field-act-notes = Act details
field-registration = UN registration
field-relations = Relations
field-subjects = Subjects
field-languages = Authentic languages
field-sources = Sources
field-notes = Notes
field-attachments = Attachments
field-entry-file = Entry file
field-not-recorded = Not recorded
field-inferred = Inferred
inferred-signed-date = date of signature, { $value }
inferred-adopted-date = date of adoption, { $value }
inferred-signed-place = place of signature, { $value }
inferred-adopted-place = place of adoption, { $value }
inferred-level = level, { $value }
term-from-to = { $from } to { $to }
relation-to-entry = { $relation } the { $title } ({ $entry }) of { $date }.
relation-to-id = { $relation } { $entry }.
relation-external = { $relation } the { $title } of { $date }.
entry-in-volume = { $id }, vol. { $volume }
entry-ref = No. { $number }
index-volume = vol. { $volume }:

## Lifecycle: participants, statements, registration, chronology.

col-participant = Participant
col-signature = Signature
col-consent = Consent to be bound
col-in-force-for = In force for it
col-statements = Reserv. / decl.
col-statements-long = Reservations and declarations
col-status = Status
consent-on = { $action }, { $date }
provisionally-on = provisionally, { $date }
objection-to = objection to { $label }
withdrawn = { $label } withdrawn
participant-signed = signed { $date }
participant-in-force = in force { $date }
participant-no-act = no act recorded
participant-line = { $state }: { $acts }
statement-by = { $action } by { $state }, { $date }
statement-regarding = , regarding { $label }
statement-text = : “{ $text }”
statement-no-text = : text not recorded
registration-none = no registration with the Secretariat of the United Nations recorded
registration-registered = Registered with the Secretariat of the United Nations on { $date } under No. { $number }
registration-filed = Filed and recorded with the Secretariat of the United Nations on { $date } under No. { $number }
registration-ex-officio = ex officio
registration-by = by { $party }
event-signed = signed
event-adopted = adopted
event-in-force = entry into force
event-acts = { $action }: { $states }
event-effective = { $event } (effective { $date })
event-registered = registered with the United Nations, No. { $number }

## Summary, indexes, chronology.

summary = Summary of instruments
summary-legend = A date, place or level in square brackets [ ] is not stated by the sources: the editors inferred it, and the entry gives the reason on its line “{ field-inferred }”.
col-number = No.
col-id = Id
col-title = Title
col-type = Type
col-parties = Parties
col-signed = Signed
index-by-party = Index by party
body-not-recorded = Signing body not recorded
index-by-type = Index by type
index-by-subject = Index by subject
index-no-subjects = No subjects are recorded for the instruments of this register.
index-by-status = Index by status
index-by-status-intro = The status of each instrument as of { $date }, derived from the acts recorded for it where there are any.
not-registered-heading = In force, not registered with the United Nations
not-registered-intro = Article 102 of the Charter of the United Nations requires every treaty and international agreement to be registered with the Secretariat as soon as possible after its entry into force. These instruments, of the kinds the Article concerns (treaties, agreements, protocols and exchanges of notes not concluded between agencies, unless an entry says otherwise), were in force on { $date } and the register records no registration of them.
not-registered-command = The folder to submit for each, with its certifying statement, its texts and their digests, is prepared by the command given with its id:
chronology = Chronology
chronology-intro = Every signature or adoption, entry into force, act of a party and registration recorded in the register, in date order. A date known only to the month or the year stands before the days of that month or year. A date in square brackets [ ] is inferred; the entry gives the reason.
volume-chronology = Chronology of this volume
volume-chronology-intro = The signatures, entries into force, acts and registrations of this volume's instruments, in date order; the general volume lists the register by status.

## The entries withdrawn from the register (`withdraw`).
withdrawn-heading = Withdrawn entries
withdrawn-intro = These entries were withdrawn from the register: entered by mistake, duplicates of other entries and the like. They are no part of the register, and its summary, entries, indexes and chronology leave them out; their files are kept and accounted for by their digests, and their ids are never given to another instrument.
col-withdrawn-on = Withdrawn on
col-reason = Reason

## Volumes and checksums.

volumes = Volumes
volumes-intro = This register is published in { $count } volumes besides this general volume. Each holds a summary of its entries, the entries in id order, and the digests of their files.
indexes-part = Indexes by party, type and subject
indexes-apart = The indexes are published apart, so that an edit does not typeset them again unless it changes what they list: { $indexes } (by party, type and subject) and { $status } (by status). They refer to entries by number and volume.
col-volume = Vol.
col-first = First entry
col-last = Last entry
col-entries = Entries
col-file = File
annex-checksums = Annex: Checksums
checksums-intro = This register was produced from the files listed below. Each digest is the SHA-256 of the file's bytes. The register digest is the SHA-256 of these lines in the form “sha256  path”, sorted by path; from the project folder it can be recomputed with coreutils alone:
register-digest = Register digest:
checksums-in-volumes = The digests of the entry files and attachments are printed at the end of the volume that holds each entry.
col-file-digest = File and its SHA-256
volume-checksums = Annex: Checksums of this volume
volume-checksums-intro = The SHA-256 digest of each entry file and attachment of this volume. The register digest, over all volumes, is printed in the general volume.

## The web edition.

web-skip = Skip to the content
web-register-nav = Register
web-all = All instruments
web-by-party = By party
web-by-type = By type
web-by-subject = By subject
web-by-status = By status
web-about = About and downloads
web-produced = produced with { $tool } { $version }
web-instruments-by-party = Instruments by party
web-instruments-by-type = Instruments by type
web-instruments-by-subject = Instruments by subject
web-instruments-by-status = Instruments by status
web-search = Search the register
web-search-placeholder = Title, id, party, status or UN number
web-search-failed = The search index could not be loaded; reload the page.
web-search-more = Show the next { $count }
web-on-this-page = { $count } on this page
web-matches = { $found } of { $total } instruments match
web-caption = Instruments of the register, in order of their numbers
web-caption-page = Instruments of the register, in order of their numbers (page { $page } of { $pages })
web-pages = Pages of the list
web-sort = Sort by { $column }
web-about-heading = About this register
web-title = Title
web-subtitle = Subtitle
web-series = Series
web-authority = Issuing authority
web-as-of = Status as of
web-edition = Edition
web-edition-signed = Edition { $number } of { $date }, signed by { $signer }
web-downloads = Downloads
web-pdf = The register as PDF
web-pdf-note = (carries its own sources)
web-pdf-translation = The register in { $language } (PDF)
web-csv = The instruments as CSV
web-json = The instruments as JSON
web-manifest = The manifest
web-manifest-note = (“sha256sum -c out/manifest.sha256” from the project folder checks every published file, these pages included)
web-manifest-json = The manifest as JSON
web-checking = Checking this edition
web-checking-text = The register digest above is the SHA-256 of the sha256sum lines of register/register.yaml, the instrument files and the attachments, sorted by path; the PDF prints the same value. Each instrument's page gives the SHA-256 of its file.
web-as-of-note = (as of { $date })
web-participants-caption = Each party's acts and status as of { $date }
web-actions = Actions
web-statements = Reservations, declarations and objections
web-effective = (effective { $date })
web-regarding = , regarding { $label }

## A translation's texts printed as recorded (untranslated), in its front matter.

untranslated-heading = Texts not translated
untranslated-intro = This edition prints the following texts as the register records them, in { $language }.
untranslated-title = Title of the register
untranslated-subtitle = Subtitle
untranslated-series = Series
untranslated-authority = Issuing authority
untranslated-foreword = Foreword
untranslated-titles = Titles of instruments
untranslated-places = Places of signature or adoption
untranslated-bodies = Signing bodies
untranslated-names = Names of signatories
untranslated-notes = Notes
untranslated-subjects = Subjects
entry-numbers = { $count ->
    [one] No. { $numbers }
   *[other] Nos. { $numbers }
}

## Documents issued from the register: a certified extract of one entry.

extract-heading = Certified extract from the register
extract-entry = Entry { $id }
extract-shown-as-of = The entry as it stood on { $date }.
extract-footer = Extract of { $id } as of { $date }
extract-status-date = Register as of
extract-edition = Published edition
extract-edition-line = Edition { $number } of { $date }
extract-manifest = SHA-256 of its signed manifest (manifest.sha256)
extract-entry-changed = The entry's file has changed since this edition: the extract shows the entry as the register holds it now, not as that edition published it.
extract-unpublished = none yet: the extract shows the entry as the register holds it.
extract-verify-heading = How to verify this extract
extract-verify-pdf = This PDF carries the entry's file, the register's metadata and the templates and catalogues it was typeset with, and the SHA-256 of each. The following command checks them against those digests and typesets the extract again, which must give this file byte for byte:
extract-this-file = EXTRACT.pdf
extract-verify-entry = In the register's project, the following command must print the digest of the entry's file given above:
extract-verify-edition = and the following the digest of the edition's manifest:
extract-certified = Certified as a true extract of the register.
document-place-date = Place and date
document-signature = Signature and seal
seal-description = Electronic seal of { $authority }

## Documents issued from the register: the certifying statement of a registration with the United Nations.

certifying-heading = Certifying statement
certifying-subheading = for the registration of a treaty or international agreement with the Secretariat of the United Nations under Article 102 of the Charter of the United Nations
certifying-intro = In accordance with article 5 of the Regulations to give effect to Article 102 of the Charter of the United Nations, the registering party gives the following particulars of the instrument named below, as its register of treaties records them on { $date }.
certifying-footer = Certifying statement · { $id }
certifying-title = Title
certifying-parties = Parties
certifying-concluded-on = Date of conclusion
certifying-concluded-at = Place of conclusion
certifying-in-force = Entry into force
certifying-provisional = not yet in force; provisionally applied as set out below
certifying-languages = Authentic languages
certifying-by-party = Date and method of entry into force for each party
certifying-by-party-provisional = Entry into force or provisional application for each party
col-date = Date
col-method = Method
certifying-left = left with effect from { $date }
certifying-not-in-force = not in force
certifying-reservations = Reservations, declarations and objections
certifying-none = None are recorded.
certifying-texts = Texts attached
certifying-true-copy = The undersigned certifies that each text attached is a true and complete copy of the instrument named above, that together they reproduce it in all the languages in which it was concluded, and that they include all reservations made by its parties, which are set out above with every declaration and objection recorded.
certifying-authority = Certifying authority
certifying-prepared = Prepared from entry { $id } of the register as of { $date }:

## Documents issued from the register: depositary notifications.

notification-heading = Depositary notification
notification-reference = Reference
notification-footer = Depositary notification { $number }
notification-intro = { $depositary }, acting in its capacity as depositary, communicates the following.
notification-effective = It will take effect on { $date }.
notification-took-effect = It took effect on { $date }.
notification-in-force-for = The instrument will enter into force for { $state } on { $date }.
notification-entered-into-force-for = The instrument entered into force for { $state } on { $date }.
notification-signature = On { $date }, { $state } signed the { $title }.
notification-definitive-signature = On { $date }, { $state } signed the { $title } definitively, expressing its consent to be bound by it.
notification-ratification = On { $date }, { $state } deposited its instrument of ratification of the { $title }.
notification-acceptance = On { $date }, { $state } deposited its instrument of acceptance of the { $title }.
notification-approval = On { $date }, { $state } deposited its instrument of approval of the { $title }.
notification-accession = On { $date }, { $state } deposited its instrument of accession to the { $title }.
notification-succession = On { $date }, { $state } notified its succession to the { $title }.
notification-notification = On { $date }, { $state } notified its consent to be bound by the { $title }.
notification-provisional-application = On { $date }, { $state } notified that it applies the { $title } provisionally.
notification-entry-into-force = The { $title } entered into force for { $state } on { $date }.
notification-reservation = On { $date }, { $state } made the following reservation to the { $title }:
notification-declaration = On { $date }, { $state } made the following declaration in respect of the { $title }:
notification-objection = On { $date }, { $state } communicated the following objection to reservation { $label } made by { $author } to the { $title }:
notification-withdrawal-of-reservation = On { $date }, { $state } withdrew its reservation { $label } to the { $title }.
notification-denunciation = On { $date }, { $state } notified its denunciation of the { $title }.
notification-withdrawal = On { $date }, { $state } notified its withdrawal from the { $title }.
notification-suspension = On { $date }, { $state } notified the suspension of the operation of the { $title }.
notification-termination = On { $date }, { $state } notified the termination of the { $title }.

# Open data (#30): the Atom feeds' titles and the web edition's links to the feeds and data files.
# An entry's title says who did what to which instrument.
feed-title-signature = { $state } signed { $title }
feed-title-definitive-signature = { $state } definitively signed { $title }
feed-title-ratification = { $state } ratified { $title }
feed-title-acceptance = { $state } accepted { $title }
feed-title-approval = { $state } approved { $title }
feed-title-accession = { $state } acceded to { $title }
feed-title-succession = { $state } succeeded to { $title }
feed-title-notification = { $state } notified its consent to be bound by { $title }
feed-title-provisional-application = { $state } began to apply { $title } provisionally
feed-title-entry-into-force = { $title } entered into force for { $state }
feed-title-reservation = { $state } made a reservation to { $title }
feed-title-declaration = { $state } made a declaration on { $title }
feed-title-objection = { $state } made an objection under { $title }
feed-title-withdrawal-of-reservation = { $state } withdrew a reservation to { $title }
feed-title-denunciation = { $state } denounced { $title }
feed-title-withdrawal = { $state } withdrew from { $title }
feed-title-suspension = { $state } suspended the operation of { $title }
feed-title-termination = { $state } terminated { $title }
feed-title-registration = { $title } was registered with the United Nations Secretariat
feed-all = { $register }: acts and registrations
feed-instrument = { $title } ({ $id }): acts
feed-party = { $state }: acts
web-feed = Atom feed of these acts
web-feed-all = Atom feed of every act
web-data = Open data
web-data-json = Every instrument with its acts, statuses and digests (JSON)
web-data-schema = Its JSON Schema
web-data-instruments = The instruments (CSV)
web-data-acts = The acts (CSV)
