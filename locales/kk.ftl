# The Kazakh edition. Terms of the law of treaties follow the Kazakh text of
# the Law of the Republic of Kazakhstan of 30 May 2005 No. 54 "On
# international treaties of the Republic of Kazakhstan" («Қазақстан
# Республикасының халықаралық шарттары туралы» Заңы: қол қою, ратификациялау,
# бекіту, қабылдау, қосылу, күшіне ену, ескертпе, денонсациялау, уақытша
# қолдану, тоқтата тұру) as the Ministry of Foreign Affairs publishes it.
# Dates are CLDR's Kazakh long forms: «2024 ж. 8 тамыз».

## Dates: the CLDR locale whose long date forms the edition uses (ICU4X).

date-locale = kk

## Words used everywhere.

not-recorded = көрсетілмеген
not-translated = аудармасы жоқ
none = Жоқ.
list-separator = ,{" "}
quoted = «{ $text }»
inferred-value = {"["}{ $value }{"]"}
abbr-number = №
abbr-page = б.
abbr-volume = т.
page-of = { $total } беттің { $page }-беті
contents = Мазмұны
keyword-register = халықаралық шарттар тізілімі
keyword-instruments = халықаралық құжаттар
instruments-count = { $count } құжат

## Title pages.

edition-of = { $date } { $number }-басылым
status-as-of = { $date } жағдай бойынша мәртебесі
issuing-authority = Шығарған орган: { $authority }.
in-force-from-acts = { $date } (тараптардың актілері бойынша)
no-instruments-as-of = { $date } жағдай бойынша тізілімде құжаттар жазылмаған.
colophon-edition-signed = { $number }-басылым, қол қойған: { $signer }
colophon-edition-of = { $date } басылымы
colophon-produced = { $tool } { $version } және typst { $typst } арқылы дайындалған.
volume-of = { $number }-том
volume-line = { $volume }-том: № { $first }–{ $last } ({ $first_id } – { $last_id })
volume-line-one = { $volume }-том: № { $first } ({ $first_id })
general-volume = Жалпы том
volume-entries = { $first } бастап { $last } дейінгі жазбалар ({ $count } құжат)
volume-colophon = Жалпы томда алғысөз, томдар мен көрсеткіштер тізбесі және тізілім дайджесті берілген.
translation-of = Тізілімнің белгілері { $language } тіліне аударылған; тізілімнің өз мәтіндері түпнұсқа тілінде ({ $original }) берілген.

## Front matter.

foreword = Алғысөз
changes-heading = { $number }-басылымнан бергі өзгерістер
changes-intro = Бұл — { $date } { $number }-басылым. Ол { $previous }-басылымнан кейін шығады; оның манифестінің (manifest.sha256, тізілімнің editions/ қалтасында сақталады) SHA-256 дайджесті
changes-chain = бұл басылымның манифестінде жазылған, сондықтан басылымдар тізбек құрайды: бұрынғы басылымды тізбекті бұзбай өзгерту мүмкін емес.
change-added = Қосылды
change-changed = Өзгертілді
change-removed = Алып тасталды
change-withdrawn = Алып тасталды (жазба сақталды)
change-withdrawn-reason = { $date }: { $reason }
change-general = Сондай-ақ өзгертілді
change-nothing = Бірде-бір құжат қосылған, өзгертілген немесе алып тасталған жоқ.
change-field = { $field ->
    [title] атауы
    [titles] басқа тілдердегі атаулары
    [type] түрі
    [level] деңгейі
    [depositary] депозитарий
    [parties] тараптар
    [signed] қол қою
    [status] мәртебесі
    [in-force] күшіне енуі
    [term] қолданылу мерзімі
    [relations] байланыстар
    [subjects] тақырыптары
    [languages] тілдер
    [sources] дереккөздер
    [notes] ескертулер
    [files] қосымшалар
    [registration] тіркелуі
   *[other] { $field }
}
change-new-act = жаңа әрекет: { $state }: { $action }, { $date }
change-act-removed = әрекет алып тасталды: { $state }: { $action }, { $date }
change-text-only = жазба мәтіні (өрістер өзгермеген)
change-not-archived = жазба (оның бұрынғы мәтіні мұрағатта жоқ)
change-metadata = тізілімнің метадеректері (register.yaml)
change-attachments = қосымшалар
change-templates = үлгілер
change-signers = басылымдарға қол қоя алатындар (allowed_signers)
change-catalogues = хабарлар каталогтары (locales/)
abbreviations-and-terms = Қысқартулар мен терминдер
abbreviations = Қысқартулар
abbr-number-means = осы тізілімдегі жазбаның нөмірі
abbr-page-means = бет
abbr-volume-means = том
abbr-state-means = { $state } (ISO 3166-1 alpha-3 коды)
abbr-sha256-means = файлдың криптографиялық дайджесті (FIPS 180-4), он алтылық жазумен
statuses-heading = Құжаттардың мәртебесі
statuses-as-of = Мәртебе { $date } жағдай бойынша көрсетілген.
levels-heading = Деңгейлер
nothing-inferred = Ештеңе ескертусіз болжанбайды: дереккөздерде жоқ мән жазбаға енгізілмейді және оның соңғы жолында, «{ field-not-recorded }», аталады немесе өріс ішінде «{ not-recorded }» деп көрсетіледі. Құрастырушылар дереккөздерден жанама анықтаған күн, орын немесе деңгей қай жерде тұрса да тік жақшада [ ] басылады, ал негіздемесі жазбаның «{ field-inferred }» жолында беріледі; басқа тұжырымдар жазбаның ескертулерінде түсіндіріледі. Жазбада жоқ байланыстар, ескертпелер мен қосымшалар үшін жол берілмейді: олардың жоқ екені белгілі.

## Keywords: types, levels, statuses, acts, relations.

type-joint-statement = бірлескен мәлімдеме
type-declaration = декларация
type-decision = шешім
type-treaty = шарт
type-agreement = келісім
type-protocol = хаттама
type-memorandum = меморандум
type-programme = бағдарлама
type-action-plan = іс-қимыл жоспары
type-roadmap = жол картасы
type-exchange-of-notes = ноталар алмасу
type-other = басқа
level-interstate = мемлекетаралық
level-interstate-means = мемлекеттер арасында, мемлекет басшылары немесе бірлескен мемлекетаралық органдар деңгейінде
level-intergovernmental = үкіметаралық
level-intergovernmental-means = үкіметтер арасында
level-interagency = ведомствоаралық
level-interagency-means = министрліктер, агенттіктер немесе комитеттер арасында
level-subnational = өңіраралық
level-subnational-means = өңірлер немесе қалалар арасында
level-institutional = ұйымаралық
level-institutional-means = институттар, қорлар және басқа ұйымдар арасында
status-signed = қол қойылған
status-signed-means = қол қойылған; күшіне енуі көрсетілмеген немесе әлі болмаған
status-adopted = қабылданған
status-adopted-means = тараптар немесе бірлескен орган қол қоюсыз қабылдаған
status-in-force = күшінде
status-in-force-means = тараптар арасында күшінде
status-provisionally-applied = уақытша қолданылады
status-provisionally-applied-means = күшіне енгенге дейін қолданылады
status-expired = мерзімі өткен
status-expired-means = қолданылу мерзімі аяқталуына байланысты күшін жойған
status-terminated = тоқтатылған
status-terminated-means = тараптардың шешімімен күшін жойған
status-superseded = ауыстырылған
status-superseded-means = кейінгі құжатпен ауыстырылған
party-status-signed = қол қойылған
party-status-consented = міндеттілігіне келісім берілген
party-status-provisionally-applied = уақытша қолданылады
party-status-in-force = күшінде
party-status-denounced = денонсацияланған
party-status-terminated = тоқтатылған
party-status-effective = { $status } ({ $date } бастап)
action-signature = қол қою
action-definitive-signature = түпкілікті қол қою
action-ratification = ратификациялау
action-acceptance = қабылдау
action-approval = бекіту
action-accession = қосылу
action-succession = құқықтық мирасқорлық
action-notification = хабарлама
action-provisional-application = уақытша қолдану
action-entry-into-force = күшіне ену
action-reservation = ескертпе
action-declaration = мәлімдеме
action-objection = қарсылық
action-withdrawal-of-reservation = ескертпені кері қайтарып алу
action-denunciation = денонсациялау
action-withdrawal = шығу
action-suspension = қолданылуын тоқтата тұру
action-termination = қолданылуын тоқтату
relation-amends = Өзгертеді:
relation-supplements = Толықтырады:
relation-replaces = Ауыстырады:
relation-terminates = Тоқтатады:
relation-implements = Іске асырады:

## Entries.

# The width of the field labels' column, in em: the longest label fits.
field-label-width = 12

instruments = Құжаттар
entry-heading = № { $number } · { $id }
entry-continued = { $entry } (жалғасы)
field-type = Түрі
field-level = Деңгейі
field-parties = Тараптар
field-signed-on = Қол қойылған күні
field-adopted-on = Қабылданған күні
field-signed-at = Қол қойылған орны
field-adopted-at = Қабылданған орны
field-signatories = Қол қойған адамдар
field-depositary = Депозитарий
field-status = Мәртебесі
field-in-force = Күшіне енуі
field-term = Қолданылу мерзімі
field-participants = Қатысушылар
field-statements = Мәлімдемелер
field-act-notes = Актілер туралы
field-registration = БҰҰ-да тіркелуі
field-relations = Байланыстар
field-subjects = Тақырыптары
field-languages = Түпнұсқалық тілдер
field-sources = Дереккөздер
field-notes = Ескертулер
field-attachments = Қосымшалар
field-entry-file = Жазба файлы
field-not-recorded = Көрсетілмеген
field-inferred = Жанама анықталған
inferred-signed-date = қол қойылған күні, { $value }
inferred-adopted-date = қабылданған күні, { $value }
inferred-signed-place = қол қойылған орны, { $value }
inferred-adopted-place = қабылданған орны, { $value }
inferred-level = деңгейі, { $value }
term-from-to = { $from } бастап { $to } дейін
relation-to-entry = { $relation } «{ $title }» ({ $entry }), { $date }.
relation-to-id = { $relation } { $entry }.
relation-external = { $relation } «{ $title }», { $date }.
entry-in-volume = { $id }, { $volume }-т.
entry-ref = № { $number }
index-volume = { $volume }-т.:

## Lifecycle: participants, statements, registration, chronology.

col-participant = Қатысушы
col-signature = Қол қою
col-consent = Міндеттілігіне келісім
col-in-force-for = Ол үшін күшіне енуі
col-statements = Ескертпе / мәлім.
col-statements-long = Ескертпелер мен мәлімдемелер
col-status = Мәртебесі
consent-on = { $action }, { $date }
provisionally-on = уақытша, { $date } бастап
objection-to = { $label } қарсылық
withdrawn = { $label } кері қайтарылды
participant-signed = қол қойылды: { $date }
participant-in-force = { $date } бастап күшінде
participant-no-act = әрекет көрсетілмеген
participant-line = { $state }: { $acts }
statement-by = { $action }: { $state }, { $date }
statement-regarding = , { $label } қатысты
statement-text = : «{ $text }»
statement-no-text = : мәтіні көрсетілмеген
registration-none = Біріккен Ұлттар Ұйымының Хатшылығында тіркелгені туралы мәлімет жоқ
registration-registered = Біріккен Ұлттар Ұйымының Хатшылығында { $date } № { $number } болып тіркелген
registration-filed = Біріккен Ұлттар Ұйымының Хатшылығына { $date } сақтауға тапсырылып, № { $number } болып тізімге енгізілген
registration-ex-officio = ex officio
registration-by = ұсынған: { $party }
event-signed = қол қойылды
event-adopted = қабылданды
event-in-force = күшіне енуі
event-acts = { $action }: { $states }
event-effective = { $event } ({ $date } бастап)
event-registered = БҰҰ-да тіркелді, № { $number }

## Summary, indexes, chronology.

summary = Құжаттардың жиынтық тізбесі
summary-legend = Тік жақшадағы [ ] күн, орын немесе деңгей дереккөздерде көрсетілмеген: оны құрастырушылар жанама анықтаған, ал негіздемесі жазбаның «{ field-inferred }» жолында берілген.
col-number = №
col-id = Сәйкестендіргіш
col-title = Атауы
col-type = Түрі
col-parties = Тараптар
col-signed = Қол қойылды
index-by-party = Тараптар бойынша көрсеткіш
body-not-recorded = Қол қойған орган көрсетілмеген
index-by-type = Түрлері бойынша көрсеткіш
index-by-subject = Тақырыптары бойынша көрсеткіш
index-no-subjects = Тізілімдегі құжаттардың тақырыбы көрсетілмеген.
index-by-status = Мәртебесі бойынша көрсеткіш
index-by-status-intro = Әр құжаттың { $date } жағдай бойынша мәртебесі, ол үшін көрсетілген әрекеттер бойынша анықталған.
not-registered-heading = Күшінде, Біріккен Ұлттар Ұйымында тіркелмеген
not-registered-intro = Біріккен Ұлттар Ұйымы Жарғысының 102-бабы әрбір шарт пен халықаралық келісімнің күшіне енгеннен кейін мүмкіндігінше тез Хатшылықта тіркелуін талап етеді. Бұл құжаттар — осы бап қатысты түрлерден (ведомстволар арасында жасалмаған шарттар, келісімдер, хаттамалар және нота алмасулар, егер жазбада өзгеше айтылмаса) — { $date } күшінде болды, ал тізілімде олардың тіркелуі туралы мәлімет жоқ.
not-registered-command = Әрқайсысын ұсынуға арналған қалта куәландыратын мәлімдемесімен, мәтіндерімен және олардың хештерімен бірге оның идентификаторы бар мына пәрменмен дайындалады:
chronology = Хронология
chronology-intro = Тізілімде көрсетілген әрбір қол қою немесе қабылдау, күшіне ену, қатысушының әрекеті және тіркеу, күндер ретімен. Тек айы немесе жылы белгілі күн сол айдың немесе жылдың күндерінің алдында тұрады. Тік жақшадағы [ ] күн жанама анықталған; негіздемесі жазбада берілген.
volume-chronology = Осы томның хронологиясы
volume-chronology-intro = Осы томдағы құжаттардың қол қойылуы, күшіне енуі, әрекеттері мен тіркелуі, күндер ретімен; құжаттардың мәртебесі жалпы томда берілген.

## The entries withdrawn from the register (`withdraw`).
withdrawn-heading = Алынып тасталған жазбалар
withdrawn-intro = Бұл жазбалар тізілімнен алынып тасталды: қателесіп енгізілген, басқа жазбаларды қайталайтын және т. б. Олар тізілімге кірмейді, сондықтан тізілімнің жиынтық тізбесінде, жазбаларында, көрсеткіштерінде және хронологиясында көрсетілмейді; олардың файлдары сақталып, дайджестері бойынша есепке алынады, ал сәйкестендіргіштері ешқашан басқа құжатқа берілмейді.
col-withdrawn-on = Алынып тасталған күні
col-reason = Себебі

## Volumes and checksums.

volumes = Томдар
volumes-intro = Бұл тізілім осы жалпы томнан бөлек { $count } томмен шығарылған. Әр томда оның жазбаларының жиынтық тізбесі, сәйкестендіргіштер ретімен жазбалар және олардың файлдарының дайджестері бар.
indexes-part = Тараптар, түрлері және тақырыптары бойынша көрсеткіштер
indexes-apart = Көрсеткіштер бөлек шығарылады, сондықтан түзету олардың мазмұнын өзгертпесе, оларды қайта беттеуді қажет етпейді: { $indexes } (тараптар, түрлері және тақырыптары бойынша) және { $status } (мәртебесі бойынша). Олар жазбаларға нөмір мен том бойынша сілтейді.
col-volume = Том
col-first = Бірінші жазба
col-last = Соңғы жазба
col-entries = Жазбалар
col-file = Файл
annex-checksums = Қосымша: бақылау сомалары
checksums-intro = Бұл тізілім төменде аталған файлдардан дайындалған. Әр дайджест — файл байттарының SHA-256 мәні. Тізілім дайджесті — жол бойынша реттелген «sha256  жол» түріндегі осы жолдардың SHA-256 мәні; жоба қалтасында оны тек coreutils құралдарымен қайта есептеуге болады:
register-digest = Тізілім дайджесті:
checksums-in-volumes = Жазба файлдары мен қосымшалардың дайджестері әр жазбаны қамтитын томның соңында берілген.
col-file-digest = Файл және оның SHA-256 мәні
volume-checksums = Қосымша: осы томның бақылау сомалары
volume-checksums-intro = Осы томдағы әр жазба файлы мен қосымшаның SHA-256 дайджесті. Барлық томдарды қамтитын тізілім дайджесті жалпы томда берілген.

## The web edition.

web-skip = Мазмұнға өту
web-register-nav = Тізілім
web-all = Барлық құжаттар
web-by-party = Тараптар бойынша
web-by-type = Түрлері бойынша
web-by-subject = Тақырыптары бойынша
web-by-status = Мәртебесі бойынша
web-about = Тізілім туралы және жүктеулер
web-produced = { $tool } { $version } арқылы дайындалған
web-instruments-by-party = Тараптар бойынша құжаттар
web-instruments-by-type = Түрлері бойынша құжаттар
web-instruments-by-subject = Тақырыптары бойынша құжаттар
web-instruments-by-status = Мәртебесі бойынша құжаттар
web-search = Тізілімнен іздеу
web-search-placeholder = Атауы, сәйкестендіргіш, тарап, мәртебе немесе БҰҰ нөмірі
web-search-failed = Іздеу индексі жүктелмеді; бетті қайта жүктеңіз.
web-search-more = Тағы { $count } көрсету
web-on-this-page = осы бетте { $count }
web-matches = { $total } құжаттың { $found } сәйкес келеді
web-caption = Тізілімнің құжаттары, нөмірлері ретімен
web-caption-page = Тізілімнің құжаттары, нөмірлері ретімен ({ $pages } беттің { $page }-беті)
web-pages = Тізбенің беттері
web-sort = «{ $column }» бағаны бойынша реттеу
web-about-heading = Тізілім туралы
web-title = Атауы
web-subtitle = Тақырыпшасы
web-series = Сериясы
web-authority = Шығарған орган
web-as-of = Мәртебе күні:
web-edition = Басылым
web-edition-signed = { $date } { $number }-басылым, қол қойған: { $signer }
web-downloads = Жүктеулер
web-pdf = Тізілім PDF пішімінде
web-pdf-note = (өз дереккөздерін қамтиды)
web-pdf-translation = Тізілім, тілі: { $language } (PDF)
web-csv = Құжаттар CSV пішімінде
web-json = Құжаттар JSON пішімінде
web-manifest = Манифест
web-manifest-note = (жоба қалтасында «sha256sum -c out/manifest.sha256» командасы жарияланған әр файлды, соның ішінде осы беттерді тексереді)
web-manifest-json = Манифест JSON пішімінде
web-checking = Басылымды тексеру
web-checking-text = Жоғарыдағы тізілім дайджесті — register/register.yaml файлының, құжат файлдары мен қосымшалардың жол бойынша реттелген sha256sum жолдарының SHA-256 мәні; PDF-те де сол мән басылған. Әр құжаттың бетінде оның файлының SHA-256 мәні берілген.
web-as-of-note = ({ $date } жағдай бойынша)
web-participants-caption = Әр тараптың { $date } жағдай бойынша әрекеттері мен мәртебесі
web-actions = Әрекеттер
web-statements = Ескертпелер, мәлімдемелер және қарсылықтар
web-effective = ({ $date } бастап)
web-regarding = , { $label } қатысты

## Language names (iso-codes has no Kazakh catalogue of them).

language-ar = араб
language-az = әзірбайжан
language-de = неміс
language-en = ағылшын
language-es = испан
language-fa = парсы
language-fr = француз
language-hy = армян
language-ka = грузин
language-kk = қазақ
language-ky = қырғыз
language-ru = орыс
language-tg = тәжік
language-tk = түрікмен
language-tr = түрік
language-uz = өзбек
language-zh = қытай

## Аудармада тізілімдегідей (аударылмай) басылған мәтіндер.

untranslated-heading = Аударылмаған мәтіндер
untranslated-intro = Келесі мәтіндер тізілімге енгізілгендей беріледі. Түпнұсқа тілі: { $language }.
untranslated-title = Тізілімнің атауы
untranslated-subtitle = Тақырыпша
untranslated-series = Серия
untranslated-authority = Шығарушы орган
untranslated-foreword = Алғысөз
untranslated-titles = Құжаттардың атаулары
untranslated-places = Қол қойылған немесе қабылданған орындар
untranslated-bodies = Қол қойған органдар
untranslated-names = Қол қойған адамдардың аты-жөні
untranslated-notes = Ескертпелер
untranslated-subjects = Пәндер
# One sign, "№", for one number and for several.
entry-numbers = { $count ->
    [one] № { $numbers }
   *[other] № { $numbers }
}

## Тізілім бойынша берілетін құжаттар: бір жазбадан куәландырылған үзінді.

extract-heading = Тізілімнен куәландырылған үзінді
extract-entry = { $id } жазбасы
extract-shown-as-of = Жазба { $date } жағдай бойынша.
extract-footer = { $id } жазбасынан { $date } жағдай бойынша үзінді
extract-status-date = Тізілім жағдайы
extract-edition = Жарияланған басылым
extract-edition-line = { $date } күнгі № { $number } басылым
extract-manifest = Оның қол қойылған манифестінің (manifest.sha256) SHA-256 хеші
extract-entry-changed = Жазба файлы осы басылымнан кейін өзгерді: үзінді жазбаны тізілімде қазір қалай тұрса, солай көрсетеді, осы басылым жариялаған түрінде емес.
extract-unpublished = әзірге жоқ: үзінді жазбаны тізілімде қалай тұрса, солай көрсетеді.
extract-verify-heading = Бұл үзіндіні қалай тексеруге болады
extract-verify-pdf = Бұл PDF жазба файлын, тізілімнің метадеректерін, оны беттеген үлгілер мен хабарлар каталогтарын және әрқайсысының SHA-256 хешін қамтиды. Келесі команда оларды осы хештермен салыстырып, үзіндіні қайта беттейді; нәтиже осы файлмен байтқа дейін сәйкес келуі тиіс:
extract-this-file = ҮЗІНДІ.pdf
extract-verify-entry = Тізілім жобасында келесі команда жоғарыда көрсетілген жазба файлының хешін шығаруы тиіс:
extract-verify-edition = ал келесісі — басылым манифестінің хешін:
extract-certified = Тізілімнен алынған үзінді дұрыс.
document-place-date = Орны және күні
document-signature = Қолы және мөрі
seal-description = Электрондық мөр: { $authority }

## Тізілім бойынша берілетін құжаттар: Біріккен Ұлттар Ұйымында тіркеуге арналған куәландыру мәлімдемесі.

certifying-heading = Куәландыру мәлімдемесі
certifying-subheading = шартты немесе халықаралық келісімді Біріккен Ұлттар Ұйымы Жарғысының 102-бабына сәйкес Біріккен Ұлттар Ұйымының Хатшылығында тіркеу үшін
certifying-intro = Біріккен Ұлттар Ұйымы Жарғысының 102-бабын қолдану туралы ереженің 5-бабына сәйкес тіркеуші тарап төменде аталған құжат туралы мына мәліметтерді оның шарттар тізілімі { $date } жағдай бойынша қалай жазса, солай береді.
certifying-footer = Куәландыру мәлімдемесі · { $id }
certifying-title = Атауы
certifying-parties = Тараптар
certifying-concluded-on = Жасалған күні
certifying-concluded-at = Жасалған орны
certifying-in-force = Күшіне енуі
certifying-provisional = әлі күшіне енген жоқ; төменде көрсетілгендей уақытша қолданылады
certifying-languages = Түпнұсқалық тілдер
certifying-by-party = Әр тарап үшін күшіне енген күні мен тәсілі
certifying-by-party-provisional = Әр тарап үшін күшіне енуі немесе уақытша қолданылуы
col-date = Күні
col-method = Тәсілі
certifying-left = { $date } бастап шықты
certifying-not-in-force = күшіне енген жоқ
certifying-reservations = Ескертпелер, мәлімдемелер және қарсылықтар
certifying-none = Жазылмаған.
certifying-texts = Қоса берілген мәтіндер
certifying-true-copy = Төменде қол қоюшы қоса берілген әрбір мәтін жоғарыда аталған құжаттың дұрыс әрі толық көшірмесі екенін, олар бірге оны жасалған барлық тілдерде толық беретінін және оның тараптары жасаған барлық ескертпелерді қамтитынын куәландырады; ескертпелер жоғарыда жазылған барлық мәлімдемелер мен қарсылықтармен бірге келтірілген.
certifying-authority = Куәландырушы орган
certifying-prepared = Тізілімнің { $id } жазбасы бойынша { $date } жағдай бойынша дайындалды:

## Тізілім бойынша берілетін құжаттар: депозитарий хабарламалары.

notification-heading = Депозитарий хабарламасы
notification-reference = Нөмірі
notification-footer = Депозитарий хабарламасы { $number }
notification-intro = { $depositary } депозитарий ретінде мынаны хабарлайды.
notification-effective = Ол { $date } бастап қолданылады.
notification-took-effect = Ол { $date } бастап қолданылды.
notification-in-force-for = Құжат { $state } үшін { $date } күшіне енеді.
notification-entered-into-force-for = Құжат { $state } үшін { $date } күшіне енді.
notification-signature = { $date } { $state } «{ $title }» құжатына қол қойды.
notification-definitive-signature = { $date } { $state } «{ $title }» құжатына түпкілікті қол қойып, оның міндеттілігіне келісімін білдірді.
notification-ratification = { $date } { $state } «{ $title }» құжатын ратификациялау туралы грамотаны сақтауға тапсырды.
notification-acceptance = { $date } { $state } «{ $title }» құжатын қабылдау туралы құжатты сақтауға тапсырды.
notification-approval = { $date } { $state } «{ $title }» құжатын бекіту туралы құжатты сақтауға тапсырды.
notification-accession = { $date } { $state } «{ $title }» құжатына қосылу туралы құжатты сақтауға тапсырды.
notification-succession = { $date } { $state } «{ $title }» құжатына қатысты құқық мирасқорлығы туралы хабарлады.
notification-notification = { $date } { $state } «{ $title }» құжатының өзі үшін міндеттілігіне келісімі туралы хабарлады.
notification-provisional-application = { $date } { $state } «{ $title }» құжатын уақытша қолданатыны туралы хабарлады.
notification-entry-into-force = «{ $title }» { $state } үшін { $date } күшіне енді.
notification-reservation = { $date } { $state } «{ $title }» құжатына мынадай ескертпе жасады:
notification-declaration = { $date } { $state } «{ $title }» құжатына қатысты мынадай мәлімдеме жасады:
notification-objection = { $date } { $state } { $author } «{ $title }» құжатына жасаған { $label } ескертпесіне мынадай қарсылық білдірді:
notification-withdrawal-of-reservation = { $date } { $state } «{ $title }» құжатына жасаған { $label } ескертпесін кері қайтарып алды.
notification-denunciation = { $date } { $state } «{ $title }» құжатының күшін жою туралы хабарлады.
notification-withdrawal = { $date } { $state } «{ $title }» құжатынан шығатыны туралы хабарлады.
notification-suspension = { $date } { $state } «{ $title }» құжатының қолданылуын тоқтата тұру туралы хабарлады.
notification-termination = { $date } { $state } «{ $title }» құжатының тоқтатылғаны туралы хабарлады.

# Open data (#30): the Atom feeds' titles and the web edition's links to the feeds and data files.
# An entry's title names the state, the act (as `action-*` names it) and the instrument.
feed-title-signature = { $state }: қол қою — { $title }
feed-title-definitive-signature = { $state }: түпкілікті қол қою — { $title }
feed-title-ratification = { $state }: ратификациялау — { $title }
feed-title-acceptance = { $state }: қабылдау — { $title }
feed-title-approval = { $state }: бекіту — { $title }
feed-title-accession = { $state }: қосылу — { $title }
feed-title-succession = { $state }: құқықтық мирасқорлық — { $title }
feed-title-notification = { $state }: хабарлама — { $title }
feed-title-provisional-application = { $state }: уақытша қолдану — { $title }
feed-title-entry-into-force = { $state }: күшіне ену — { $title }
feed-title-reservation = { $state }: ескертпе — { $title }
feed-title-declaration = { $state }: мәлімдеме — { $title }
feed-title-objection = { $state }: қарсылық — { $title }
feed-title-withdrawal-of-reservation = { $state }: ескертпені кері қайтарып алу — { $title }
feed-title-denunciation = { $state }: денонсациялау — { $title }
feed-title-withdrawal = { $state }: шығу — { $title }
feed-title-suspension = { $state }: қолданылуын тоқтата тұру — { $title }
feed-title-termination = { $state }: қолданылуын тоқтату — { $title }
feed-title-registration = { $title }: Біріккен Ұлттар Ұйымы Хатшылығында тіркеу
feed-all = { $register }: әрекеттер және тіркеу
feed-instrument = { $title } ({ $id }): әрекеттер
feed-party = { $state }: әрекеттер
web-feed = Осы әрекеттердің Atom арнасы
web-feed-all = Барлық әрекеттердің Atom арнасы
web-data = Ашық деректер
web-data-json = Барлық құжаттар әрекеттерімен, мәртебелерімен және бақылау сомаларымен (JSON)
web-data-schema = Оның JSON Schema сұлбасы
web-data-instruments = Құжаттар (CSV)
web-data-acts = Әрекеттер (CSV)
