# The Russian edition. Terms of the law of treaties follow the Russian text
# of the Vienna Convention on the Law of Treaties (1969) and the UN Treaty
# Handbook (Справочник по договорам, Секция договоров Управления по правовым
# вопросам ООН); "filed and recorded" is the UNTS wording "сданы на хранение
# и внесены в список". Dates (CLDR, through ICU4X) in the genitive, as in Russian official
# documents: «8 августа 2024 г.».

## Dates: the CLDR locale whose long date forms the edition uses (ICU4X).

date-locale = ru

## Words used everywhere.

not-recorded = не указано
not-translated = перевод отсутствует
none = Нет.
list-separator = ,{" "}
quoted = «{ $text }»
inferred-value = {"["}{ $value }{"]"}
abbr-number = №
abbr-page = с.
abbr-volume = т.
page-of = Страница { $page } из { $total }
contents = Содержание
keyword-register = реестр международных договоров
keyword-instruments = международные документы
instruments-count = { $count ->
    [one] { $count } документ
    [few] { $count } документа
   *[many] { $count } документов
}

## Title pages.

edition-of = Издание { $number } от { $date }
status-as-of = Статус по состоянию на { $date }
issuing-authority = Издающий орган: { $authority }.
in-force-from-acts = { $date } (по актам сторон)
no-instruments-as-of = По состоянию на { $date } документы в реестре не записаны.
colophon-edition-signed = Издание { $number }, подписано: { $signer }
colophon-edition-of = Издание от { $date }
colophon-produced = Подготовлено с помощью { $tool } { $version } и typst { $typst }.
volume-of = Том { $number }
volume-line = Том { $volume }: № { $first }–{ $last } (с { $first_id } по { $last_id })
volume-line-one = Том { $volume }: № { $first } ({ $first_id })
general-volume = Общий том
volume-entries = Записи с { $first } по { $last } ({ $count ->
    [one] { $count } документ
    [few] { $count } документа
   *[many] { $count } документов
})
volume-colophon = Общий том содержит предисловие, перечень томов и указателей и дайджест реестра.
translation-of = Перевод обозначений реестра на { $language } язык; собственные тексты реестра приводятся на языке оригинала ({ $original }).

## Front matter.

foreword = Предисловие
changes-heading = Изменения по сравнению с изданием { $number }
changes-intro = Настоящее издание { $number } от { $date } следует за изданием { $previous }, манифест которого (manifest.sha256, хранится в папке editions/ реестра) имеет дайджест SHA-256
changes-chain = который записан в манифесте настоящего издания, так что издания образуют цепочку: более раннее издание нельзя изменить, не нарушив её.
change-added = Добавлено
change-changed = Изменено
change-removed = Исключено
change-withdrawn = Исключено (запись сохранена)
change-withdrawn-reason = { $date }: { $reason }
change-general = Изменено также
change-nothing = Ни один документ не был добавлен, изменён или исключён.
change-field = { $field ->
    [title] название
    [titles] названия на других языках
    [type] вид
    [level] уровень
    [depositary] депозитарий
    [parties] стороны
    [signed] подписание
    [status] статус
    [in-force] вступление в силу
    [term] срок действия
    [relations] связи
    [subjects] тематика
    [languages] языки
    [sources] источники
    [notes] примечания
    [files] вложения
    [registration] регистрация
   *[other] { $field }
}
change-new-act = новое действие: { $state }: { $action }, { $date }
change-act-removed = действие исключено: { $state }: { $action }, { $date }
change-text-only = текст записи (поля не изменились)
change-not-archived = запись (её прежний текст отсутствует в архиве)
change-metadata = метаданные реестра (register.yaml)
change-attachments = вложения
change-templates = шаблоны
change-signers = круг лиц, подписывающих издания (allowed_signers)
change-catalogues = каталоги сообщений (locales/)
abbreviations-and-terms = Сокращения и термины
abbreviations = Сокращения
abbr-number-means = номер записи в настоящем реестре
abbr-page-means = страница
abbr-volume-means = том
abbr-state-means = { $state } (код ISO 3166-1 alpha-3)
abbr-sha256-means = криптографический дайджест файла (FIPS 180-4), в шестнадцатеричной записи
statuses-heading = Статус документов
statuses-as-of = Статус указан по состоянию на { $date }
levels-heading = Уровни
nothing-inferred = Ничего не домысливается без оговорки: то, чего нет в источниках, не включается в запись и перечисляется в её последней строке «{ field-not-recorded }» либо обозначается как «{ not-recorded }» внутри поля. Дата, место или уровень, которые составители установили по источникам косвенно, везде печатаются в квадратных скобках [ ], а основание приводится в записи, в строке «{ field-inferred }»; прочие выводы составителей объяснены в примечаниях к записи. Для связей, примечаний и вложений, которых у записи нет, строка не печатается: их нет, и это известно.

## Keywords: types, levels, statuses, acts, relations.

type-joint-statement = совместное заявление
type-declaration = декларация
type-decision = решение
type-treaty = договор
type-agreement = соглашение
type-protocol = протокол
type-memorandum = меморандум
type-programme = программа
type-action-plan = план действий
type-roadmap = дорожная карта
type-exchange-of-notes = обмен нотами
type-other = иное
level-interstate = межгосударственный
level-interstate-means = между государствами, на уровне глав государств или совместных межгосударственных органов
level-intergovernmental = межправительственный
level-intergovernmental-means = между правительствами
level-interagency = межведомственный
level-interagency-means = между министерствами, агентствами или комитетами
level-subnational = межрегиональный
level-subnational-means = между регионами или городами
level-institutional = межинституциональный
level-institutional-means = между институтами, фондами и иными организациями
status-signed = подписан
status-signed-means = подписан; вступление в силу не указано или ещё не наступило
status-adopted = принят
status-adopted-means = принят сторонами или совместным органом без подписания
status-in-force = в силе
status-in-force-means = действует между сторонами
status-provisionally-applied = применяется временно
status-provisionally-applied-means = применяется до вступления в силу
status-expired = истёк срок действия
status-expired-means = утратил силу в связи с истечением срока действия
status-terminated = прекращён
status-terminated-means = утратил силу по решению сторон
status-superseded = заменён
status-superseded-means = заменён более поздним документом
party-status-signed = подписан
party-status-consented = выражено согласие на обязательность
party-status-provisionally-applied = применяется временно
party-status-in-force = в силе
party-status-denounced = денонсирован
party-status-terminated = прекращён
party-status-effective = { $status } (с { $date })
action-signature = подписание
action-definitive-signature = окончательное подписание
action-ratification = ратификация
action-acceptance = принятие
action-approval = утверждение
action-accession = присоединение
action-succession = правопреемство
action-notification = уведомление
action-provisional-application = временное применение
action-entry-into-force = вступление в силу
action-reservation = оговорка
action-declaration = заявление
action-objection = возражение
action-withdrawal-of-reservation = снятие оговорки
action-denunciation = денонсация
action-withdrawal = выход
action-suspension = приостановление действия
action-termination = прекращение
relation-amends = Изменяет
relation-supplements = Дополняет
relation-replaces = Заменяет
relation-terminates = Прекращает
relation-implements = Реализует

## Entries.

# The width of the field labels' column, in em: the longest label fits.
field-label-width = 12.8

instruments = Документы
entry-heading = № { $number } · { $id }
entry-continued = { $entry } (продолжение)
field-type = Вид
field-level = Уровень
field-parties = Стороны
field-signed-on = Дата подписания
field-adopted-on = Дата принятия
field-signed-at = Место подписания
field-adopted-at = Место принятия
field-signatories = Подписавшие лица
field-depositary = Депозитарий
field-status = Статус
field-in-force = Вступление в силу
field-term = Срок действия
field-participants = Участники
field-statements = Заявления
field-act-notes = Об актах
field-registration = Регистрация в ООН
field-relations = Связи
field-subjects = Тематика
field-languages = Аутентичные языки
field-sources = Источники
field-notes = Примечания
field-attachments = Вложения
field-entry-file = Файл записи
field-not-recorded = Не указано
field-inferred = Установлено косвенно
inferred-signed-date = дата подписания, { $value }
inferred-adopted-date = дата принятия, { $value }
inferred-signed-place = место подписания, { $value }
inferred-adopted-place = место принятия, { $value }
inferred-level = уровень, { $value }
term-from-to = с { $from } по { $to }
relation-to-entry = { $relation } документ «{ $title }» ({ $entry }) от { $date }
relation-to-id = { $relation } { $entry }.
relation-external = { $relation } документ «{ $title }» от { $date }
entry-in-volume = { $id }, т. { $volume }
entry-ref = № { $number }
index-volume = т. { $volume }:

## Lifecycle: participants, statements, registration, chronology.

col-participant = Участник
col-signature = Подписание
col-consent = Согласие на обязательность
col-in-force-for = Вступление в силу для участника
col-statements = Оговорки / заявл.
col-statements-long = Оговорки и заявления
col-status = Статус
consent-on = { $action }, { $date }
provisionally-on = временно, с { $date }
objection-to = возражение против { $label }
withdrawn = { $label } снята
participant-signed = подписан { $date }
participant-in-force = в силе с { $date }
participant-no-act = действия не указаны
participant-line = { $state }: { $acts }
statement-by = { $action }: { $state }, { $date }
statement-regarding = , в отношении { $label }
statement-text = : «{ $text }»
statement-no-text = : текст не указан
registration-none = регистрация в Секретариате Организации Объединённых Наций не отмечена
registration-registered = Зарегистрирован в Секретариате Организации Объединённых Наций { $date } под № { $number }
registration-filed = Сдан на хранение и внесён в список в Секретариате Организации Объединённых Наций { $date } под № { $number }
registration-ex-officio = ex officio
registration-by = представлен: { $party }
event-signed = подписан
event-adopted = принят
event-in-force = вступление в силу
event-acts = { $action }: { $states }
event-effective = { $event } (с { $date })
event-registered = зарегистрирован в ООН, № { $number }

## Summary, indexes, chronology.

summary = Сводный перечень документов
summary-legend = Дата, место или уровень в квадратных скобках [ ] в источниках не указаны: их установили составители косвенно, а основание приведено в записи, в строке «{ field-inferred }».
col-number = №
col-id = Идентификатор
col-title = Название
col-type = Вид
col-parties = Стороны
col-signed = Подписан
index-by-party = Указатель по сторонам
body-not-recorded = Подписавший орган не указан
index-by-type = Указатель по видам
index-by-subject = Указатель по тематике
index-no-subjects = Тематика документов реестра не указана.
index-by-status = Указатель по статусу
index-by-status-intro = Статус каждого документа по состоянию на { $date }, определённый по указанным для него действиям, если они есть.
not-registered-heading = Действующие, не зарегистрированные в Организации Объединённых Наций
not-registered-intro = Статья 102 Устава Организации Объединённых Наций требует, чтобы всякий договор и всякое международное соглашение были при первой возможности зарегистрированы в Секретариате. Эти документы — из тех, которых касается эта статья (договоры, соглашения, протоколы и обмены нотами, заключённые не между ведомствами, если запись не говорит иного), — действовали на { $date }, и реестр не содержит сведений об их регистрации.
not-registered-command = Папка для представления каждого из них, с удостоверяющим заявлением, текстами и их хешами, готовится командой с его идентификатором:
chronology = Хронология
chronology-intro = Каждое подписание или принятие, вступление в силу, действие участника и регистрация, указанные в реестре, в порядке дат. Дата, известная лишь с точностью до месяца или года, стоит перед днями этого месяца или года. Дата в квадратных скобках [ ] установлена косвенно; основание приведено в записи.
volume-chronology = Хронология настоящего тома
volume-chronology-intro = Подписания, вступления в силу, действия и регистрации документов настоящего тома в порядке дат; статус документов приводится в общем томе.

## The entries withdrawn from the register (`withdraw`).
withdrawn-heading = Исключённые записи
withdrawn-intro = Эти записи исключены из реестра: внесены ошибочно, дублируют другие записи и т. п. Они не входят в реестр, и его сводный перечень, записи, указатели и хронология их не содержат; их файлы сохраняются и учитываются по своим дайджестам, а их идентификаторы никогда не присваиваются другим документам.
col-withdrawn-on = Дата исключения
col-reason = Причина

## Volumes and checksums.

volumes = Тома
volumes-intro = Настоящий реестр издан в { $count ->
    [one] { $count } томе
   *[other] { $count } томах
} помимо настоящего общего тома. Каждый том содержит сводный перечень своих записей, записи в порядке идентификаторов и дайджесты их файлов.
indexes-part = Указатели по сторонам, видам и тематике
indexes-apart = Указатели изданы отдельно, чтобы правка не требовала их повторной вёрстки, если не меняет их содержания: { $indexes } (по сторонам, видам и тематике) и { $status } (по статусу). Они ссылаются на записи по номеру и тому.
col-volume = Том
col-first = Первая запись
col-last = Последняя запись
col-entries = Записей
col-file = Файл
annex-checksums = Приложение: контрольные суммы
checksums-intro = Настоящий реестр подготовлен из перечисленных ниже файлов. Каждый дайджест — SHA-256 байтов файла. Дайджест реестра — SHA-256 этих строк в виде «sha256  путь», упорядоченных по пути; в папке проекта его можно пересчитать средствами coreutils:
register-digest = Дайджест реестра:
checksums-in-volumes = Дайджесты файлов записей и вложений приводятся в конце тома, содержащего каждую запись.
col-file-digest = Файл и его SHA-256
volume-checksums = Приложение: контрольные суммы настоящего тома
volume-checksums-intro = Дайджест SHA-256 каждого файла записи и вложения настоящего тома. Дайджест реестра, охватывающий все тома, приводится в общем томе.

## The web edition.

web-skip = Перейти к содержанию
web-register-nav = Реестр
web-all = Все документы
web-by-party = По сторонам
web-by-type = По видам
web-by-subject = По тематике
web-by-status = По статусу
web-about = О реестре и загрузки
web-produced = подготовлено с помощью { $tool } { $version }
web-instruments-by-party = Документы по сторонам
web-instruments-by-type = Документы по видам
web-instruments-by-subject = Документы по тематике
web-instruments-by-status = Документы по статусу
web-search = Поиск по реестру
web-search-placeholder = Название, идентификатор, сторона, статус или номер ООН
web-search-failed = Не удалось загрузить поисковый индекс; перезагрузите страницу.
web-search-more = Показать ещё { $count }
web-on-this-page = { $count } на этой странице
web-matches = Найдено: { $found } из { $total }
web-caption = Документы реестра в порядке номеров
web-caption-page = Документы реестра в порядке номеров (страница { $page } из { $pages })
web-pages = Страницы перечня
web-sort = Упорядочить по столбцу «{ $column }»
web-about-heading = О реестре
web-title = Название
web-subtitle = Подзаголовок
web-series = Серия
web-authority = Издающий орган
web-as-of = Статус по состоянию на
web-edition = Издание
web-edition-signed = Издание { $number } от { $date }, подписано: { $signer }
web-downloads = Загрузки
web-pdf = Реестр в формате PDF
web-pdf-note = (содержит собственные источники)
web-pdf-translation = Реестр на языке: { $language } (PDF)
web-csv = Документы в формате CSV
web-json = Документы в формате JSON
web-manifest = Манифест
web-manifest-note = (команда «sha256sum -c out/manifest.sha256» в папке проекта проверяет каждый опубликованный файл, в том числе эти страницы)
web-manifest-json = Манифест в формате JSON
web-checking = Проверка издания
web-checking-text = Дайджест реестра выше — SHA-256 строк sha256sum файлов register/register.yaml, файлов документов и вложений, упорядоченных по пути; в PDF напечатано то же значение. На странице каждого документа указан SHA-256 его файла.
web-as-of-note = (по состоянию на { $date })
web-participants-caption = Действия и статус каждой стороны по состоянию на { $date }
web-actions = Действия
web-statements = Оговорки, заявления и возражения
web-effective = (с { $date })
web-regarding = , в отношении { $label }

## Language names iso-codes does not give in this form.

language-en = английский
language-kk = казахский
language-ru = русский
language-uz = узбекский

## Тексты, напечатанные в переводе как в реестре (без перевода).

untranslated-heading = Тексты без перевода
untranslated-intro = Следующие тексты приводятся так, как они внесены в реестр. Язык оригинала: { $language }.
untranslated-title = Наименование реестра
untranslated-subtitle = Подзаголовок
untranslated-series = Серия
untranslated-authority = Издающий орган
untranslated-foreword = Предисловие
untranslated-titles = Наименования документов
untranslated-places = Места подписания или принятия
untranslated-bodies = Подписавшие органы
untranslated-names = Имена подписавших лиц
untranslated-notes = Примечания
untranslated-subjects = Предметы
entry-numbers = { $count ->
    [one] № { $numbers }
   *[other] №№ { $numbers }
}

## Документы, выдаваемые по реестру: заверенная выписка из одной записи.

extract-heading = Заверенная выписка из реестра
extract-entry = Запись { $id }
extract-shown-as-of = Запись по состоянию на { $date }
extract-footer = Выписка из записи { $id } по состоянию на { $date }
extract-status-date = Реестр по состоянию на
extract-edition = Опубликованное издание
extract-edition-line = Издание № { $number } от { $date }
extract-manifest = SHA-256 его подписанного манифеста (manifest.sha256)
extract-entry-changed = Файл записи изменён после этого издания: выписка показывает запись в том виде, в каком она содержится в реестре сейчас, а не в каком её опубликовало это издание.
extract-unpublished = пока нет: выписка показывает запись в том виде, в каком она содержится в реестре.
extract-verify-heading = Как проверить эту выписку
extract-verify-pdf = Этот PDF содержит файл записи, метаданные реестра, шаблоны и каталоги сообщений, по которым он свёрстан, и SHA-256 каждого из них. Следующая команда сверяет их с этими хешами и заново верстает выписку, которая должна совпасть с этим файлом байт в байт:
extract-this-file = ВЫПИСКА.pdf
extract-verify-entry = В проекте реестра следующая команда должна вывести указанный выше хеш файла записи:
extract-verify-edition = а следующая — хеш манифеста издания:
extract-certified = Выписка из реестра верна.
document-place-date = Место и дата
document-signature = Подпись и печать
seal-description = Электронная печать: { $authority }

## Документы, выдаваемые по реестру: удостоверяющее заявление для регистрации в Организации Объединённых Наций.

certifying-heading = Удостоверяющее заявление
certifying-subheading = для регистрации договора или международного соглашения в Секретариате Организации Объединённых Наций в соответствии со статьёй 102 Устава Организации Объединённых Наций
certifying-intro = В соответствии со статьёй 5 Положений о применении статьи 102 Устава Организации Объединённых Наций регистрирующая сторона сообщает следующие сведения о названном ниже документе в том виде, в каком их содержит её реестр договоров на { $date }
certifying-footer = Удостоверяющее заявление · { $id }
certifying-title = Название
certifying-parties = Стороны
certifying-concluded-on = Дата заключения
certifying-concluded-at = Место заключения
certifying-in-force = Вступление в силу
certifying-provisional = в силу ещё не вступил; применяется временно, как указано ниже
certifying-languages = Аутентичные языки
certifying-by-party = Дата и способ вступления в силу для каждой стороны
certifying-by-party-provisional = Вступление в силу или временное применение для каждой стороны
col-date = Дата
col-method = Способ
certifying-left = вышел с { $date }
certifying-not-in-force = не вступил в силу
certifying-reservations = Оговорки, заявления и возражения
certifying-none = Не зарегистрированы.
certifying-texts = Прилагаемые тексты
certifying-true-copy = Нижеподписавшийся удостоверяет, что каждый прилагаемый текст является верной и полной копией названного выше документа, что в совокупности они воспроизводят его на всех языках, на которых он был заключён, и что они включают все оговорки, сделанные его сторонами, которые приведены выше вместе со всеми зарегистрированными заявлениями и возражениями.
certifying-authority = Удостоверяющий орган
certifying-prepared = Подготовлено по записи { $id } реестра по состоянию на { $date }:

## Документы, выдаваемые по реестру: уведомления депозитария.

notification-heading = Уведомление депозитария
notification-reference = Номер
notification-footer = Уведомление депозитария { $number }
notification-intro = { $depositary }, действуя в качестве депозитария, сообщает следующее.
notification-effective = Дата вступления в силу: { $date }.
notification-took-effect = Дата вступления в силу: { $date }.
notification-in-force-for = Документ вступит в силу для государства { $state } { $date }.
notification-entered-into-force-for = Документ вступил в силу для государства { $state } { $date }.
notification-signature = { $date } от имени государства { $state } подписан документ «{ $title }».
notification-definitive-signature = { $date } от имени государства { $state } окончательно подписан документ «{ $title }», чем выражено согласие на его обязательность.
notification-ratification = { $date } государством { $state } сдана на хранение ратификационная грамота к документу «{ $title }».
notification-acceptance = { $date } государством { $state } сдан на хранение документ о принятии «{ $title }».
notification-approval = { $date } государством { $state } сдан на хранение документ об утверждении «{ $title }».
notification-accession = { $date } государством { $state } сдан на хранение документ о присоединении к «{ $title }».
notification-succession = { $date } от государства { $state } получено уведомление о правопреемстве в отношении «{ $title }».
notification-notification = { $date } от государства { $state } получено уведомление о согласии на обязательность «{ $title }».
notification-provisional-application = { $date } от государства { $state } получено уведомление о временном применении «{ $title }».
notification-entry-into-force = { $date } документ «{ $title }» вступил в силу для государства { $state }.
notification-reservation = { $date } государством { $state } сделана следующая оговорка к «{ $title }»:
notification-declaration = { $date } государством { $state } сделано следующее заявление в отношении «{ $title }»:
notification-objection = { $date } от государства { $state } получено следующее возражение против оговорки { $label }, сделанной государством { $author } к «{ $title }»:
notification-withdrawal-of-reservation = { $date } государством { $state } снята оговорка { $label } к «{ $title }».
notification-denunciation = { $date } от государства { $state } получено уведомление о денонсации «{ $title }».
notification-withdrawal = { $date } от государства { $state } получено уведомление о выходе из «{ $title }».
notification-suspension = { $date } от государства { $state } получено уведомление о приостановлении действия «{ $title }».
notification-termination = { $date } от государства { $state } получено уведомление о прекращении «{ $title }».

# Open data (#30): the Atom feeds' titles and the web edition's links to the feeds and data files.
# An entry's title names the state, the act (as `action-*` names it) and the instrument.
feed-title-signature = { $state }: подписание — { $title }
feed-title-definitive-signature = { $state }: окончательное подписание — { $title }
feed-title-ratification = { $state }: ратификация — { $title }
feed-title-acceptance = { $state }: принятие — { $title }
feed-title-approval = { $state }: утверждение — { $title }
feed-title-accession = { $state }: присоединение — { $title }
feed-title-succession = { $state }: правопреемство — { $title }
feed-title-notification = { $state }: уведомление — { $title }
feed-title-provisional-application = { $state }: временное применение — { $title }
feed-title-entry-into-force = { $state }: вступление в силу — { $title }
feed-title-reservation = { $state }: оговорка — { $title }
feed-title-declaration = { $state }: заявление — { $title }
feed-title-objection = { $state }: возражение — { $title }
feed-title-withdrawal-of-reservation = { $state }: снятие оговорки — { $title }
feed-title-denunciation = { $state }: денонсация — { $title }
feed-title-withdrawal = { $state }: выход — { $title }
feed-title-suspension = { $state }: приостановление действия — { $title }
feed-title-termination = { $state }: прекращение — { $title }
feed-title-registration = { $title }: регистрация в Секретариате Организации Объединённых Наций
feed-all = { $register }: действия и регистрация
feed-instrument = { $title } ({ $id }): действия
feed-party = { $state }: действия
web-feed = Лента Atom этих действий
web-feed-all = Лента Atom всех действий
web-data = Открытые данные
web-data-json = Все документы с действиями, статусами и контрольными суммами (JSON)
web-data-schema = Его схема JSON Schema
web-data-instruments = Документы (CSV)
web-data-acts = Действия (CSV)
