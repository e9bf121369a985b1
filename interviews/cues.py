"""Story cues: how the offline grader tells that an answer *has* a situation, an action, a result.

Some key points say what a strong answer contains rather than what it says: "Describes a specific
real situation", "States the outcome, ideally with a number", "Reflects on what they learned".
No sentence of a good answer paraphrases such a point ("I asked him to grab a coffee, just the
two of us" is an action, but it is not close in meaning to "Spoke to the colleague directly"), so
embedding similarity alone scored good behavioural (STAR) stories 3-5 of 10. Each such point gets
a category from its own wording, and a sentence of the answer shows that category through cues a
story has: a specific past moment, a first-person past action, a result, a lesson, a date.
A point is only ever read this way when its wording asks for it, so content points ("costs extra
storage") still need the content. English and Russian.
"""

from __future__ import annotations

import re

SITUATION, ACTION, RESULT, LESSON, TIMEFRAME = "situation", "action", "result", "lesson", "timeframe"

# What a key point asks for, read off its wording.
_POINT = {
    SITUATION: re.compile(
        r"\b(specific|concrete|real)\b.{0,40}\b(situation|mistake|project|task|case|example|feedback|deadline)|"
        r"\bnames? an? (specific|real|recent)|\bdescribes? an? (specific|real)|"
        r"конкретн\w* (ситуац|проект|задач|случа|пример|отзыв)|реальн\w* (ошибк|ситуац|случа)|"
        r"называет конкретн", re.I),
    ACTION: re.compile(
        r"\b(what they did|did personally|personally|took (concrete )?actions?|immediate actions?|concrete actions?)\b|"
        r"что делал лично|лично он|конкретные шаги|сразу сообщил", re.I),
    RESULT: re.compile(r"\b(result|outcome|impact|resolution)\b|результат|эффект|итог|последстви", re.I),
    LESSON: re.compile(
        r"\b(reflects?|learned|learnt|lessons?|would repeat|would (do|have done) differently|lasting change)\b|"
        r"вывод|понял|научил|сделал бы иначе|повторил бы|устойчив\w* изменени", re.I),
    TIMEFRAME: re.compile(r"\b(start date|notice period|timeframe|time frame)\b|дата выхода|срок\w* отработки|"
                          r"реалистичн\w* срок", re.I),
}

# What an answer's sentence shows. Deliberately specific: a cue credits structure, never content.
_SHOWS = {
    SITUATION: re.compile(
        r"\b(at|in) my (last|previous|current|old|first) (job|company|team|role|project|workplace)\b|"
        r"\b(last|this past) (year|month|quarter|spring|summer|autumn|fall|winter|sprint)\b|"
        r"\b(once|recently|a (few|couple of) (years|months|weeks) ago)\b|\bin (19|20)\d\d\b|"
        r"\bwhen i (was|worked|joined)\b|\bon (a|one|my|our) (recent )?(project|team)\b|"
        r"на (прошлой|предыдущей|текущей|последней|старой|первой) работе|\bоднажды\b|\bкак-то раз\b|"
        r"в прошлом (году|месяце|квартале)|\bнедавно\b|в (19|20)\d\d|когда я (работал|был|пришел|пришёл)|"
        r"на (одном|моём|моем|нашем|последнем|недавнем) проекте|в (одном|нашем|последнем|недавнем) проекте", re.I),
    ACTION: re.compile(
        r"\bi (\w+ ){0,2}(\w{2,}ed|took|made|wrote|set|built|ran|led|met|spoke|told|went|got|gave|put|began|"
        r"found|chose|kept|brought|did|sent|rewrote|broke|split|cut|drew|sat|paid|thought)\b|"
        r"\bя (\w+ ){0,2}\w{2,}(ал|ял|ил|ел|ул|ыл|ался|ялся|ился|ался)\b|\bя (\w+ ){0,2}\w{2,}(ала|яла|ила|ела)\b", re.I),
    RESULT: re.compile(
        r"\b(as a result|in the end|ended up|result(ed)?|outcome|shipped|released|went live|launched|dropped|"
        r"reduced|improved|increased|decreased|saved|went (fine|well)|no (rework|incidents?|complaints)|"
        r"worked|fixed|solved|resolved|agreed)\b|\d+ ?%|\b\d+(\.\d+)?x\b|"
        r"в итоге|в результате|получилось|удалось|сократил|снизил|ускорил|уменьшил|увеличил|выпустили|"
        r"запустили|договорились|решили|исправил|починил|\d+ ?%|в \d+ раз", re.I),
    LESSON: re.compile(
        r"\b(learn(ed|t)|lessons?|took from it|taught me|next time|now i|since then|these days|i would (do|have)|"
        r"in hindsight|looking back|i reali[sz]ed|i always|i now)\b|"
        r"понял|поняла|научил|урок|вывод|теперь я|с тех пор|в следующий раз|сделал бы иначе|осознал|стараюсь", re.I),
    TIMEFRAME: re.compile(
        r"\b\d+ (weeks?|months?|days?)\b|\b(one|two|three|four|a) (weeks?|months?)\b|\bnotice\b|"
        r"\bfrom (monday|the \d+|next)\b|\bnext (week|month)\b|\b(right away|immediately|asap)\b|"
        r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b|"
        r"\d+ (недел|месяц|дн)|отработк|через (неделю|месяц|две|три|пару)|с понедельника|сразу|"
        r"\b(январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*", re.I),
}


def category(point: str) -> str | None:
    """What `point` asks an answer to contain, when it asks for structure rather than content."""
    return next((name for name, pattern in _POINT.items() if pattern.search(point)), None)


def shows(name: str | None, sentence: str) -> bool:
    return name is not None and bool(_SHOWS[name].search(sentence))
