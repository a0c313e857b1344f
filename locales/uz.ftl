# The Uzbek edition, in the Latin script of 1995 (oʻ and gʻ with U+02BB,
# the tutuq belgisi with U+02BC, as iso-codes writes them). Terms of the law
# of treaties follow the Law of the Republic of Uzbekistan of 6 February
# 2019 No. OʻRQ-518 "On international treaties of the Republic of
# Uzbekistan" («Oʻzbekiston Respublikasining xalqaro shartnomalari
# toʻgʻrisida»: imzolash, ratifikatsiya qilish, tasdiqlash, qabul qilish,
# qoʻshilish, kuchga kirish, qoʻshimcha shart (izoh), denonsatsiya qilish).
# Dates are CLDR's Uzbek long forms: «8-avgust, 2024».

## Dates: the CLDR locale whose long date forms the edition uses (ICU4X).

date-locale = uz

## Words used everywhere.

not-recorded = koʻrsatilmagan
not-translated = tarjimasi yoʻq
none = Yoʻq.
list-separator = ,{" "}
quoted = “{ $text }”
inferred-value = {"["}{ $value }{"]"}
abbr-number = №
abbr-page = b.
abbr-volume = j.
page-of = { $page }-sahifa, jami { $total }
contents = Mundarija
keyword-register = xalqaro shartnomalar reyestri
keyword-instruments = xalqaro hujjatlar
instruments-count = { $count } ta hujjat

## Title pages.

edition-of = { $date }dagi { $number }-nashr
status-as-of = { $date } holatiga koʻra maqomi
issuing-authority = Nashr etgan organ: { $authority }.
in-force-from-acts = { $date } (taraflarning hujjatlari boʻyicha)
no-instruments-as-of = { $date } holatiga koʻra reyestrda hujjatlar qayd etilmagan.
colophon-edition-signed = { $number }-nashr, imzolagan: { $signer }
colophon-edition-of = { $date } nashri
colophon-produced = { $tool } { $version } va typst { $typst } yordamida tayyorlangan.
volume-of = { $number }-jild
volume-line = { $volume }-jild: № { $first }–{ $last } ({ $first_id } – { $last_id })
volume-line-one = { $volume }-jild: № { $first } ({ $first_id })
general-volume = Umumiy jild
volume-entries = { $first } dan { $last } gacha yozuvlar ({ $count } ta hujjat)
volume-colophon = Umumiy jildda soʻzboshi, jildlar va koʻrsatkichlar roʻyxati hamda reyestr daydjesti berilgan.
translation-of = Reyestr belgilari { $language } tiliga tarjima qilingan; reyestrning oʻz matnlari asl tilda ({ $original }) berilgan.

## Front matter.

foreword = Soʻzboshi
changes-heading = { $number }-nashrdan keyingi oʻzgarishlar
changes-intro = Bu — { $date }dagi { $number }-nashr. U { $previous }-nashrdan keyin chiqadi; uning manifestining (manifest.sha256, reyestrning editions/ papkasida saqlanadi) SHA-256 daydjesti
changes-chain = ushbu nashr manifestida yozilgan, shuning uchun nashrlar zanjir hosil qiladi: oldingi nashrni zanjirni buzmasdan oʻzgartirib boʻlmaydi.
change-added = Qoʻshildi
change-changed = Oʻzgartirildi
change-removed = Chiqarildi
change-withdrawn = Chiqarildi (yozuv saqlanadi)
change-withdrawn-reason = { $date }: { $reason }
change-general = Shuningdek oʻzgartirildi
change-nothing = Birorta hujjat qoʻshilmadi, oʻzgartirilmadi yoki chiqarilmadi.
change-field = { $field ->
    [title] nomi
    [titles] boshqa tillardagi nomlari
    [type] turi
    [level] darajasi
    [depositary] depozitariy
    [parties] tomonlar
    [signed] imzolash
    [status] maqomi
    [in-force] kuchga kirishi
    [term] amal qilish muddati
    [relations] aloqalar
    [subjects] mavzular
    [languages] tillar
    [sources] manbalar
    [notes] izohlar
    [files] ilovalar
    [registration] roʻyxatga olinishi
   *[other] { $field }
}
change-new-act = yangi harakat: { $state }: { $action }, { $date }
change-act-removed = harakat chiqarildi: { $state }: { $action }, { $date }
change-text-only = yozuv matni (maydonlar oʻzgarmagan)
change-not-archived = yozuv (uning oldingi matni arxivda yoʻq)
change-metadata = reyestr metamaʼlumotlari (register.yaml)
change-attachments = ilovalar
change-templates = shablonlar
change-signers = nashrlarni imzolashi mumkin boʻlganlar (allowed_signers)
change-catalogues = xabarlar kataloglari (locales/)
abbreviations-and-terms = Qisqartmalar va atamalar
abbreviations = Qisqartmalar
abbr-number-means = ushbu reyestrdagi yozuv raqami
abbr-page-means = bet
abbr-volume-means = jild
abbr-state-means = { $state } (ISO 3166-1 alpha-3 kodi)
abbr-sha256-means = faylning kriptografik daydjesti (FIPS 180-4), oʻn oltilik yozuvda
statuses-heading = Hujjatlarning maqomi
statuses-as-of = Maqom { $date } holatiga koʻra berilgan.
levels-heading = Darajalar
nothing-inferred = Hech narsa izohsiz taxmin qilinmaydi: manbalarda yoʻq qiymat yozuvga kiritilmaydi va uning oxirgi satrida, “{ field-not-recorded }”, sanab oʻtiladi yoki maydon ichida “{ not-recorded }” deb koʻrsatiladi. Tuzuvchilar manbalardan bilvosita aniqlagan sana, joy yoki daraja qayerda turmasin kvadrat qavs [ ] ichida beriladi, asosi esa yozuvning “{ field-inferred }” satrida keltiriladi; boshqa xulosalar yozuv izohlarida tushuntiriladi. Yozuvda boʻlmagan aloqalar, izohlar va ilovalar uchun satr berilmaydi: ularning yoʻqligi maʼlum.

## Keywords: types, levels, statuses, acts, relations.

type-joint-statement = qoʻshma bayonot
type-declaration = deklaratsiya
type-decision = qaror
type-treaty = shartnoma
type-agreement = bitim
type-protocol = protokol
type-memorandum = memorandum
type-programme = dastur
type-action-plan = harakatlar rejasi
type-roadmap = yoʻl xaritasi
type-exchange-of-notes = notalar almashinuvi
type-other = boshqa
level-interstate = davlatlararo
level-interstate-means = davlatlar oʻrtasida, davlat rahbarlari yoki qoʻshma davlatlararo organlar darajasida
level-intergovernmental = hukumatlararo
level-intergovernmental-means = hukumatlar oʻrtasida
level-interagency = idoralararo
level-interagency-means = vazirliklar, agentliklar yoki qoʻmitalar oʻrtasida
level-subnational = hududlararo
level-subnational-means = hududlar yoki shaharlar oʻrtasida
level-institutional = tashkilotlararo
level-institutional-means = institutlar, jamgʻarmalar va boshqa tashkilotlar oʻrtasida
status-signed = imzolangan
status-signed-means = imzolangan; kuchga kirishi koʻrsatilmagan yoki hali yetib kelmagan
status-adopted = qabul qilingan
status-adopted-means = tomonlar yoki qoʻshma organ tomonidan imzosiz qabul qilingan
status-in-force = kuchda
status-in-force-means = tomonlar oʻrtasida kuchda
status-provisionally-applied = vaqtincha qoʻllanilmoqda
status-provisionally-applied-means = kuchga kirgunga qadar qoʻllaniladi
status-expired = muddati tugagan
status-expired-means = amal qilish muddati tugagani sababli kuchini yoʻqotgan
status-terminated = bekor qilingan
status-terminated-means = tomonlarning qarori bilan kuchini yoʻqotgan
status-superseded = almashtirilgan
status-superseded-means = keyingi hujjat bilan almashtirilgan
party-status-signed = imzolangan
party-status-consented = majburiyligiga rozilik bildirilgan
party-status-provisionally-applied = vaqtincha qoʻllanilmoqda
party-status-in-force = kuchda
party-status-denounced = denonsatsiya qilingan
party-status-terminated = bekor qilingan
party-status-effective = { $status } ({ $date }dan)
action-signature = imzolash
action-definitive-signature = yakuniy imzolash
action-ratification = ratifikatsiya qilish
action-acceptance = qabul qilish
action-approval = tasdiqlash
action-accession = qoʻshilish
action-succession = huquqiy vorislik
action-notification = xabarnoma
action-provisional-application = vaqtincha qoʻllash
action-entry-into-force = kuchga kirish
action-reservation = qoʻshimcha shart
action-declaration = bayonot
action-objection = eʼtiroz
action-withdrawal-of-reservation = qoʻshimcha shartni qaytarib olish
action-denunciation = denonsatsiya qilish
action-withdrawal = chiqish
action-suspension = amal qilishini toʻxtatib turish
action-termination = amal qilishini tugatish
relation-amends = Oʻzgartiradi:
relation-supplements = Toʻldiradi:
relation-replaces = Almashtiradi:
relation-terminates = Bekor qiladi:
relation-implements = Amalga oshiradi:

## Entries.

# The width of the field labels' column, in em: the longest label fits.
field-label-width = 13

instruments = Hujjatlar
entry-heading = № { $number } · { $id }
entry-continued = { $entry } (davomi)
field-type = Turi
field-level = Darajasi
field-parties = Tomonlar
field-signed-on = Imzolangan sana
field-adopted-on = Qabul qilingan sana
field-signed-at = Imzolangan joy
field-adopted-at = Qabul qilingan joy
field-signatories = Imzolagan shaxslar
field-depositary = Depozitariy
field-status = Maqomi
field-in-force = Kuchga kirishi
field-term = Amal qilish muddati
field-participants = Ishtirokchilar
field-statements = Bayonotlar
field-act-notes = Hujjatlar haqida
field-registration = BMTda roʻyxatga olinishi
field-relations = Aloqalar
field-subjects = Mavzular
field-languages = Haqiqiy matn tillari
field-sources = Manbalar
field-notes = Izohlar
field-attachments = Ilovalar
field-entry-file = Yozuv fayli
field-not-recorded = Koʻrsatilmagan
field-inferred = Bilvosita aniqlangan
inferred-signed-date = imzolangan sana, { $value }
inferred-adopted-date = qabul qilingan sana, { $value }
inferred-signed-place = imzolangan joy, { $value }
inferred-adopted-place = qabul qilingan joy, { $value }
inferred-level = darajasi, { $value }
term-from-to = { $from }dan { $to }gacha
relation-to-entry = { $relation } “{ $title }” ({ $entry }), { $date }.
relation-to-id = { $relation } { $entry }.
relation-external = { $relation } “{ $title }”, { $date }.
entry-in-volume = { $id }, { $volume }-j.
entry-ref = № { $number }
index-volume = { $volume }-j.:

## Lifecycle: participants, statements, registration, chronology.

col-participant = Ishtirokchi
col-signature = Imzolash
col-consent = Majburiyligiga rozilik
col-in-force-for = U uchun kuchga kirishi
col-statements = Qoʻsh. shart / bayon.
col-statements-long = Qoʻshimcha shartlar va bayonotlar
col-status = Maqomi
consent-on = { $action }, { $date }
provisionally-on = vaqtincha, { $date }dan
objection-to = { $label } ga eʼtiroz
withdrawn = { $label } qaytarib olindi
participant-signed = imzolangan: { $date }
participant-in-force = { $date }dan kuchda
participant-no-act = harakat koʻrsatilmagan
participant-line = { $state }: { $acts }
statement-by = { $action }: { $state }, { $date }
statement-regarding = , { $label } boʻyicha
statement-text = : “{ $text }”
statement-no-text = : matni koʻrsatilmagan
registration-none = Birlashgan Millatlar Tashkiloti Kotibiyatida roʻyxatga olingani qayd etilmagan
registration-registered = Birlashgan Millatlar Tashkiloti Kotibiyatida { $date } № { $number } bilan roʻyxatga olingan
registration-filed = Birlashgan Millatlar Tashkiloti Kotibiyatiga { $date } saqlash uchun topshirilgan va № { $number } bilan roʻyxatga kiritilgan
registration-ex-officio = ex officio
registration-by = taqdim etgan: { $party }
event-signed = imzolandi
event-adopted = qabul qilindi
event-in-force = kuchga kirishi
event-acts = { $action }: { $states }
event-effective = { $event } ({ $date }dan)
event-registered = BMTda roʻyxatga olindi, № { $number }

## Summary, indexes, chronology.

summary = Hujjatlarning jamlanma roʻyxati
summary-legend = Kvadrat qavs [ ] ichidagi sana, joy yoki daraja manbalarda koʻrsatilmagan: uni tuzuvchilar bilvosita aniqlagan, asosi esa yozuvning “{ field-inferred }” satrida keltirilgan.
col-number = №
col-id = Identifikator
col-title = Nomi
col-type = Turi
col-parties = Tomonlar
col-signed = Imzolangan
index-by-party = Tomonlar boʻyicha koʻrsatkich
body-not-recorded = Imzolagan organ koʻrsatilmagan
index-by-type = Turlari boʻyicha koʻrsatkich
index-by-subject = Mavzulari boʻyicha koʻrsatkich
index-no-subjects = Reyestrdagi hujjatlarning mavzulari koʻrsatilmagan.
index-by-status = Maqomi boʻyicha koʻrsatkich
index-by-status-intro = Har bir hujjatning { $date } holatiga koʻra maqomi, u uchun koʻrsatilgan harakatlar asosida aniqlangan.
not-registered-heading = Kuchda, Birlashgan Millatlar Tashkilotida roʻyxatga olinmagan
not-registered-intro = Birlashgan Millatlar Tashkiloti Nizomining 102-moddasi har bir shartnoma va xalqaro bitim kuchga kirgandan soʻng imkon qadar tezroq Kotibiyatda roʻyxatga olinishini talab qiladi. Ushbu hujjatlar — mazkur modda tegishli turlardan (idoralar oʻrtasida tuzilmagan shartnomalar, bitimlar, protokollar va notalar almashinuvi, agar yozuvda boshqacha aytilmagan boʻlsa) — { $date } holatida kuchda boʻlgan va reyestrda ularning roʻyxatga olingani haqida maʼlumot yoʻq.
not-registered-command = Har birini taqdim etish uchun papka tasdiqlovchi bayonot, matnlar va ularning xeshlari bilan uning identifikatori koʻrsatilgan buyruq bilan tayyorlanadi:
chronology = Xronologiya
chronology-intro = Reyestrda koʻrsatilgan har bir imzolash yoki qabul qilish, kuchga kirish, ishtirokchining harakati va roʻyxatga olish, sanalar tartibida. Faqat oyi yoki yili maʼlum sana oʻsha oy yoki yil kunlaridan oldin turadi. Kvadrat qavs [ ] ichidagi sana bilvosita aniqlangan; asosi yozuvda keltirilgan.
volume-chronology = Ushbu jild xronologiyasi
volume-chronology-intro = Ushbu jilddagi hujjatlarning imzolanishi, kuchga kirishi, harakatlari va roʻyxatga olinishi, sanalar tartibida; hujjatlarning maqomi umumiy jildda berilgan.

## The entries withdrawn from the register (`withdraw`).
withdrawn-heading = Chiqarilgan yozuvlar
withdrawn-intro = Ushbu yozuvlar reyestrdan chiqarilgan: xato kiritilgan, boshqa yozuvlarni takrorlaydigan va hokazo. Ular reyestrga kirmaydi, shu sababli reyestrning jamlanma roʻyxati, yozuvlari, koʻrsatkichlari va xronologiyasida berilmaydi; ularning fayllari saqlanadi va daydjestlari boʻyicha hisobga olinadi, identifikatorlari esa hech qachon boshqa hujjatga berilmaydi.
col-withdrawn-on = Chiqarilgan sana
col-reason = Sababi

## Volumes and checksums.

volumes = Jildlar
volumes-intro = Ushbu reyestr mazkur umumiy jilddan tashqari { $count } jildda nashr etilgan. Har bir jildda uning yozuvlari jamlanma roʻyxati, identifikatorlar tartibidagi yozuvlar va ularning fayllari daydjestlari bor.
indexes-part = Tomonlar, turlari va mavzulari boʻyicha koʻrsatkichlar
indexes-apart = Koʻrsatkichlar alohida nashr etiladi, shuning uchun tahrir ularning mazmunini oʻzgartirmasa, ularni qayta sahifalash talab etilmaydi: { $indexes } (tomonlar, turlari va mavzulari boʻyicha) va { $status } (maqomi boʻyicha). Ular yozuvlarga raqam va jild boʻyicha havola qiladi.
col-volume = Jild
col-first = Birinchi yozuv
col-last = Oxirgi yozuv
col-entries = Yozuvlar
col-file = Fayl
annex-checksums = Ilova: nazorat summalari
checksums-intro = Ushbu reyestr quyida sanab oʻtilgan fayllardan tayyorlangan. Har bir daydjest — fayl baytlarining SHA-256 qiymati. Reyestr daydjesti — yoʻl boʻyicha tartiblangan “sha256  yoʻl” koʻrinishidagi ushbu satrlarning SHA-256 qiymati; loyiha papkasida uni faqat coreutils vositalari bilan qayta hisoblash mumkin:
register-digest = Reyestr daydjesti:
checksums-in-volumes = Yozuv fayllari va ilovalarning daydjestlari har bir yozuvni oʻz ichiga olgan jild oxirida berilgan.
col-file-digest = Fayl va uning SHA-256 qiymati
volume-checksums = Ilova: ushbu jildning nazorat summalari
volume-checksums-intro = Ushbu jilddagi har bir yozuv fayli va ilovaning SHA-256 daydjesti. Barcha jildlarni qamrab olgan reyestr daydjesti umumiy jildda berilgan.

## The web edition.

web-skip = Mazmunga oʻtish
web-register-nav = Reyestr
web-all = Barcha hujjatlar
web-by-party = Tomonlar boʻyicha
web-by-type = Turlari boʻyicha
web-by-subject = Mavzulari boʻyicha
web-by-status = Maqomi boʻyicha
web-about = Reyestr haqida va yuklab olish
web-produced = { $tool } { $version } yordamida tayyorlangan
web-instruments-by-party = Tomonlar boʻyicha hujjatlar
web-instruments-by-type = Turlari boʻyicha hujjatlar
web-instruments-by-subject = Mavzulari boʻyicha hujjatlar
web-instruments-by-status = Maqomi boʻyicha hujjatlar
web-search = Reyestrdan qidirish
web-search-placeholder = Nomi, identifikator, tomon, maqom yoki BMT raqami
web-search-failed = Qidiruv indeksi yuklanmadi; sahifani qayta yuklang.
web-search-more = Yana { $count } tasini koʻrsatish
web-on-this-page = ushbu sahifada { $count } ta
web-matches = { $total } ta hujjatdan { $found } tasi mos keladi
web-caption = Reyestr hujjatlari, raqamlari tartibida
web-caption-page = Reyestr hujjatlari, raqamlari tartibida ({ $page }-sahifa, jami { $pages })
web-pages = Roʻyxat sahifalari
web-sort = “{ $column }” ustuni boʻyicha tartiblash
web-about-heading = Reyestr haqida
web-title = Nomi
web-subtitle = Kichik sarlavha
web-series = Seriya
web-authority = Nashr etgan organ
web-as-of = Maqom sanasi:
web-edition = Nashr
web-edition-signed = { $date }dagi { $number }-nashr, imzolagan: { $signer }
web-downloads = Yuklab olish
web-pdf = Reyestr PDF formatida
web-pdf-note = (oʻz manbalarini oʻz ichiga oladi)
web-pdf-translation = Reyestr, tili: { $language } (PDF)
web-csv = Hujjatlar CSV formatida
web-json = Hujjatlar JSON formatida
web-manifest = Manifest
web-manifest-note = (loyiha papkasida “sha256sum -c out/manifest.sha256” buyrugʻi har bir eʼlon qilingan faylni, shu jumladan ushbu sahifalarni tekshiradi)
web-manifest-json = Manifest JSON formatida
web-checking = Nashrni tekshirish
web-checking-text = Yuqoridagi reyestr daydjesti — register/register.yaml, hujjat fayllari va ilovalarning yoʻl boʻyicha tartiblangan sha256sum satrlarining SHA-256 qiymati; PDFda ham xuddi shu qiymat bosilgan. Har bir hujjat sahifasida uning faylining SHA-256 qiymati berilgan.
web-as-of-note = ({ $date } holatiga koʻra)
web-participants-caption = Har bir tomonning { $date } holatiga koʻra harakatlari va maqomi
web-actions = Harakatlar
web-statements = Qoʻshimcha shartlar, bayonotlar va eʼtirozlar
web-effective = ({ $date }dan)
web-regarding = , { $label } boʻyicha

## State names iso-codes leaves untranslated in Uzbek.

state-CHN = Xitoy
state-RUS = Rossiya Federatsiyasi
state-TUR = Turkiya
state-USA = Amerika Qoʻshma Shtatlari

## Language names (iso-codes has no Uzbek catalogue of them).

language-ar = arab
language-az = ozarbayjon
language-de = nemis
language-en = ingliz
language-es = ispan
language-fa = fors
language-fr = fransuz
language-hy = arman
language-ka = gruzin
language-kk = qozoq
language-ky = qirgʻiz
language-ru = rus
language-tg = tojik
language-tk = turkman
language-tr = turk
language-uz = oʻzbek
language-zh = xitoy

## Tarjimada reyestrdagidek (tarjimasiz) bosilgan matnlar.

untranslated-heading = Tarjima qilinmagan matnlar
untranslated-intro = Quyidagi matnlar reyestrga kiritilganidek beriladi. Asl tili: { $language }.
untranslated-title = Reyestr nomi
untranslated-subtitle = Kichik sarlavha
untranslated-series = Seriya
untranslated-authority = Nashr etuvchi organ
untranslated-foreword = Soʻzboshi
untranslated-titles = Hujjatlar nomlari
untranslated-places = Imzolangan yoki qabul qilingan joylar
untranslated-bodies = Imzolagan organlar
untranslated-names = Imzolagan shaxslarning ismlari
untranslated-notes = Izohlar
untranslated-subjects = Mavzular
# One sign, "№", for one number and for several.
entry-numbers = { $count ->
    [one] № { $numbers }
   *[other] № { $numbers }
}

## Reyestr asosida beriladigan hujjatlar: bitta yozuvdan tasdiqlangan koʻchirma.

extract-heading = Reyestrdan tasdiqlangan koʻchirma
extract-entry = { $id } yozuvi
extract-shown-as-of = Yozuv { $date } holatiga koʻra.
extract-footer = { $id } yozuvidan { $date } holatiga koʻchirma
extract-status-date = Reyestr holati
extract-edition = Nashr etilgan nashr
extract-edition-line = { $date } sanadagi { $number }-nashr
extract-manifest = Uning imzolangan manifestining (manifest.sha256) SHA-256 xeshi
extract-entry-changed = Yozuv fayli ushbu nashrdan keyin oʻzgargan: koʻchirma yozuvni ushbu nashr eʼlon qilgan koʻrinishda emas, reyestrda hozir turgan koʻrinishda koʻrsatadi.
extract-unpublished = hozircha yoʻq: koʻchirma yozuvni reyestrda turgan koʻrinishda koʻrsatadi.
extract-verify-heading = Ushbu koʻchirmani qanday tekshirish mumkin
extract-verify-pdf = Ushbu PDF yozuv faylini, reyestr metamaʼlumotlarini, u sahifalangan shablonlar va xabarlar kataloglarini hamda har birining SHA-256 xeshini oʻz ichiga oladi. Quyidagi buyruq ularni shu xeshlar bilan solishtiradi va koʻchirmani qayta sahifalaydi; natija ushbu fayl bilan baytma-bayt mos kelishi kerak:
extract-this-file = KOCHIRMA.pdf
extract-verify-entry = Reyestr loyihasida quyidagi buyruq yuqorida koʻrsatilgan yozuv fayli xeshini chiqarishi kerak:
extract-verify-edition = quyidagisi esa nashr manifestining xeshini:
extract-certified = Reyestrdan koʻchirma toʻgʻri.
document-place-date = Joy va sana
document-signature = Imzo va muhr
seal-description = Elektron muhr: { $authority }

## Reyestr asosida beriladigan hujjatlar: Birlashgan Millatlar Tashkilotida roʻyxatdan oʻtkazish uchun tasdiqlovchi bayonot.

certifying-heading = Tasdiqlovchi bayonot
certifying-subheading = shartnoma yoki xalqaro bitimni Birlashgan Millatlar Tashkiloti Nizomining 102-moddasiga muvofiq Birlashgan Millatlar Tashkiloti Kotibiyatida roʻyxatdan oʻtkazish uchun
certifying-intro = Birlashgan Millatlar Tashkiloti Nizomining 102-moddasini qoʻllash toʻgʻrisidagi Qoidalarning 5-moddasiga muvofiq roʻyxatdan oʻtkazuvchi tomon quyida nomlangan hujjat haqidagi quyidagi maʼlumotlarni uning shartnomalar reyestri { $date } holatiga koʻra qanday qayd etgan boʻlsa, shunday taqdim etadi.
certifying-footer = Tasdiqlovchi bayonot · { $id }
certifying-title = Nomi
certifying-parties = Tomonlar
certifying-concluded-on = Tuzilgan sanasi
certifying-concluded-at = Tuzilgan joyi
certifying-in-force = Kuchga kirishi
certifying-provisional = hali kuchga kirmagan; quyida koʻrsatilganidek vaqtincha qoʻllaniladi
certifying-languages = Haqiqiy tillar
certifying-by-party = Har bir tomon uchun kuchga kirish sanasi va usuli
certifying-by-party-provisional = Har bir tomon uchun kuchga kirishi yoki vaqtincha qoʻllanilishi
col-date = Sana
col-method = Usul
certifying-left = { $date } dan chiqdi
certifying-not-in-force = kuchga kirmagan
certifying-reservations = Qoʻshimcha shartlar, bayonotlar va eʼtirozlar
certifying-none = Qayd etilmagan.
certifying-texts = Ilova qilingan matnlar
certifying-true-copy = Quyida imzo chekuvchi ilova qilingan har bir matn yuqorida nomlangan hujjatning toʻgʻri va toʻliq nusxasi ekanini, ular birgalikda uni tuzilgan barcha tillarda aks ettirishini hamda uning tomonlari bildirgan barcha qoʻshimcha shartlarni oʻz ichiga olishini tasdiqlaydi; qoʻshimcha shartlar yuqorida qayd etilgan barcha bayonotlar va eʼtirozlar bilan birga keltirilgan.
certifying-authority = Tasdiqlovchi organ
certifying-prepared = Reyestrning { $id } yozuvi asosida { $date } holatiga koʻra tayyorlandi:

## Reyestr asosida beriladigan hujjatlar: depozitariy bildirishnomalari.

notification-heading = Depozitariy bildirishnomasi
notification-reference = Raqami
notification-footer = Depozitariy bildirishnomasi { $number }
notification-intro = { $depositary } depozitariy sifatida quyidagilarni maʼlum qiladi.
notification-effective = U { $date }dan kuchga kiradi.
notification-took-effect = U { $date }dan kuchga kirdi.
notification-in-force-for = Hujjat { $state } uchun { $date } kuchga kiradi.
notification-entered-into-force-for = Hujjat { $state } uchun { $date } kuchga kirdi.
notification-signature = { $date } { $state } «{ $title }»ni imzoladi.
notification-definitive-signature = { $date } { $state } «{ $title }»ni uzil-kesil imzolab, uning majburiyligiga roziligini bildirdi.
notification-ratification = { $date } { $state } «{ $title }»ni ratifikatsiya qilish toʻgʻrisidagi yorliqni saqlashga topshirdi.
notification-acceptance = { $date } { $state } «{ $title }»ni qabul qilish toʻgʻrisidagi hujjatni saqlashga topshirdi.
notification-approval = { $date } { $state } «{ $title }»ni tasdiqlash toʻgʻrisidagi hujjatni saqlashga topshirdi.
notification-accession = { $date } { $state } «{ $title }»ga qoʻshilish toʻgʻrisidagi hujjatni saqlashga topshirdi.
notification-succession = { $date } { $state } «{ $title }»ga nisbatan huquqiy vorislik toʻgʻrisida xabar berdi.
notification-notification = { $date } { $state } «{ $title }»ning oʻzi uchun majburiyligiga roziligi toʻgʻrisida xabar berdi.
notification-provisional-application = { $date } { $state } «{ $title }»ni vaqtincha qoʻllashi toʻgʻrisida xabar berdi.
notification-entry-into-force = «{ $title }» { $state } uchun { $date } kuchga kirdi.
notification-reservation = { $date } { $state } «{ $title }»ga quyidagi qoʻshimcha shartni bildirdi:
notification-declaration = { $date } { $state } «{ $title }»ga nisbatan quyidagi bayonotni bildirdi:
notification-objection = { $date } { $state } { $author } «{ $title }»ga bildirgan { $label } qoʻshimcha shartiga quyidagi eʼtirozni bildirdi:
notification-withdrawal-of-reservation = { $date } { $state } «{ $title }»ga bildirgan { $label } qoʻshimcha shartini qaytarib oldi.
notification-denunciation = { $date } { $state } «{ $title }»ni denonsatsiya qilishi toʻgʻrisida xabar berdi.
notification-withdrawal = { $date } { $state } «{ $title }»dan chiqishi toʻgʻrisida xabar berdi.
notification-suspension = { $date } { $state } «{ $title }» amal qilishini toʻxtatib turishi toʻgʻrisida xabar berdi.
notification-termination = { $date } { $state } «{ $title }» amal qilishi tugatilgani toʻgʻrisida xabar berdi.

# Open data (#30): the Atom feeds' titles and the web edition's links to the feeds and data files.
# An entry's title names the state, the act (as `action-*` names it) and the instrument.
feed-title-signature = { $state }: imzolash — { $title }
feed-title-definitive-signature = { $state }: yakuniy imzolash — { $title }
feed-title-ratification = { $state }: ratifikatsiya qilish — { $title }
feed-title-acceptance = { $state }: qabul qilish — { $title }
feed-title-approval = { $state }: tasdiqlash — { $title }
feed-title-accession = { $state }: qoʻshilish — { $title }
feed-title-succession = { $state }: huquqiy vorislik — { $title }
feed-title-notification = { $state }: xabarnoma — { $title }
feed-title-provisional-application = { $state }: vaqtincha qoʻllash — { $title }
feed-title-entry-into-force = { $state }: kuchga kirish — { $title }
feed-title-reservation = { $state }: qoʻshimcha shart — { $title }
feed-title-declaration = { $state }: bayonot — { $title }
feed-title-objection = { $state }: eʼtiroz — { $title }
feed-title-withdrawal-of-reservation = { $state }: qoʻshimcha shartni qaytarib olish — { $title }
feed-title-denunciation = { $state }: denonsatsiya qilish — { $title }
feed-title-withdrawal = { $state }: chiqish — { $title }
feed-title-suspension = { $state }: amal qilishini toʻxtatib turish — { $title }
feed-title-termination = { $state }: amal qilishini tugatish — { $title }
feed-title-registration = { $title }: Birlashgan Millatlar Tashkiloti Kotibiyatida roʻyxatga olish
feed-all = { $register }: harakatlar va roʻyxatga olish
feed-instrument = { $title } ({ $id }): harakatlar
feed-party = { $state }: harakatlar
web-feed = Ushbu harakatlarning Atom tasmasi
web-feed-all = Barcha harakatlarning Atom tasmasi
web-data = Ochiq maʼlumotlar
web-data-json = Barcha hujjatlar harakatlari, maqomlari va nazorat yigʻindilari bilan (JSON)
web-data-schema = Uning JSON Schema sxemasi
web-data-instruments = Hujjatlar (CSV)
web-data-acts = Harakatlar (CSV)
