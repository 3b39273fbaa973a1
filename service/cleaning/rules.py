"""The boilerplate vocabulary as reviewed data: tags, class/id hints and line patterns."""

# Every entry names the kind of page pattern behind it. Nothing here names a site or copies a
# string from one page: entries are the generic words news templates use for the same widget.
# Line phrases are matched case-insensitively against a whole line with surrounding punctuation
# and spaces ignored (see lines.py); regex entries are searched as written (re.IGNORECASE).

from __future__ import annotations

# --- HTML: elements --------------------------------------------------------------------------

# Never visible, or not text: scripts, styles, embedded documents and vector art. Removed from
# the whole page before anything reads it.
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "iframe")
# Inside the article these go too, each under the rule named: form controls and media players
# (their text is labels and options), menus, sidebars, footers, and figures with captions.
ARTICLE_CHROME: dict[str, str] = {
    "button": "widget",
    "select": "widget",
    "input": "widget",
    "textarea": "widget",
    "video": "widget",
    "audio": "widget",
    "dialog": "widget",
    "object": "widget",
    "embed": "widget",
    "canvas": "widget",
    "math": "widget",
    "map": "widget",
    "form": "widget",
    "nav": "nav-hint",
    "menu": "nav-hint",
    "aside": "aside",
    "footer": "footer",
    "figure": "caption",
    "figcaption": "caption",
}
# Chrome taken out of the whole page before the article is looked for (a subset of the above
# that never holds an article's own text).
PAGE_CHROME = ("nav", "footer", "aside", "menu", "select", "button", "dialog")
# Elements that end a line of text in a rendered page.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "center",
    ]
)
# Elements that sit inside a line of text (their text belongs to the enclosing block).
INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "del",
        "label",
    ]
)
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
LIST_ITEM_TAGS = frozenset(("li", "dd", "dt"))

# --- HTML: class and id hints ----------------------------------------------------------------
# A class or id containing one of these marks a block that is not article text, keyed by the
# id of the rule that removes it. Substring matches, so each is long enough not to occur inside
# an ordinary word.
HINT_SUBSTRINGS: dict[str, tuple[str, ...]] = {
    # ad slots and paid placements: "advert-wrapper", "sponsored-links", "promo-box"
    "ad-slot": ("advert", "sponsor", "promo", "outbrain", "taboola", "dfp-", "gpt-ad"),
    # share bars, newsletter and subscription boxes, consent banners, modal prompts
    "widget": (
        "share",
        "social",
        "newsletter",
        "subscribe",
        "signup",
        "cookie",
        "consent",
        "popup",
        "modal",
        "toolbar",
        "skip-link",
        "sr-only",
        "visually-hidden",
        "screen-reader",
        "inline-video",
        "video-player",
    ),
    # image and video captions, photo credits, galleries
    "caption": ("caption", "credit", "gallery", "slideshow"),
    # breadcrumb trails, section menus, pagers, site headers
    "nav-hint": ("breadcrumb", "subnav", "pagination", "masthead", "sidebar"),
    # author and date rows, author boxes
    "byline": ("byline", "author-bio", "timestamp", "dateline"),
    # rails of other stories: related, recommended, trending, most read
    "related": (
        "related",
        "recommend",
        "trending",
        "most-popular",
        "mostpopular",
        "most-read",
        "more-stories",
    ),
    # reader comments
    "comments": ("comment", "disqus"),
}
# Short tokens that must be a whole dash- or underscore-separated part of a class or id ("ad"
# matches "ad-slot" and "top_ad" but not "head" or "shadow"), keyed by rule id like above.
HINT_TOKENS: dict[str, tuple[str, ...]] = {
    "ad-slot": ("ad", "ads", "adslot", "dfp"),
    "nav-hint": ("nav", "menu", "footer", "header", "rail"),
    "widget": ("tools", "widget", "hidden", "print", "login"),
    "byline": ("meta", "author", "bio", "date"),
    "related": ("teaser", "tags"),
}

# --- Lines: whole-line phrases -----------------------------------------------------------------

# Ad-slot labels left where an ad was, in the languages of the pages we see.
AD_LABELS = (
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "sponsored links",
    "sponsored stories",
    "paid content",
    "paid post",
    "promoted",
    "promoted content",
    "promoted stories",
    "partner content",
    "ad feedback",
    "report this ad",
    "skip ad",
    "story continues below advertisement",
    "article continues below advertisement",
    "story continues below",
    "article continues below",
    "continue reading below",
    "content continues below",
    "scroll to continue with content",
    "anzeige",
    "publicidad",
    "publicité",
    "publicidade",
    "pubblicità",
    "реклама",
    "광고",
    "iklan",
    "広告",
)
# Teasers that send the reader to another page.
READ_MORE = (
    "read more",
    "read more here",
    "continue reading",
    "continue reading the main story",
    "read full story",
    "read the full story",
    "read full article",
    "read the full article",
    "see more",
    "show more",
    "load more",
    "view more",
    "next article",
    "previous article",
    "next story",
    "next",
    "previous",
    "prev",
    "back to top",
    "click here",
    "view gallery",
    "view slideshow",
    "open in app",
)
# Headings that open another part of the page: the article does not go on past them (a rail
# of other stories, the comment thread, tag lists, author boxes, newsletter boxes).
SECTION_MARKERS = (
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related news",
    "related coverage",
    "related topics",
    "more stories",
    "more news",
    "more articles",
    "more on this story",
    "more on this topic",
    "more to explore",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended articles",
    "editors picks",
    "editor s picks",
    "trending",
    "trending now",
    "trending stories",
    "most popular",
    "most read",
    "most viewed",
    "popular",
    "popular stories",
    "popular posts",
    "latest",
    "latest news",
    "latest stories",
    "latest posts",
    "recent posts",
    "top stories",
    "read next",
    "up next",
    "what to read next",
    "around the web",
    "from the web",
    "sponsored stories",
    "in case you missed it",
    "comments",
    "comment",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "add a comment",
    "add your comment",
    "join the conversation",
    "join the discussion",
    "show comments",
    "view comments",
    "discussion",
    "tags",
    "topics",
    "filed under",
    "about the author",
    "featured video",
    "more videos",
    "watch more",
)
# Lines that only a comment thread writes: "jane42 says:", "12 Comments", "Log in to reply".
COMMENT_META_PATTERNS = (
    r"[^.!?]{1,60}\s(?:says|said|wrote|writes|replied|commented)\s*:",
    r"\d+\s+(?:comments?|replies)",
    r"\d+\s+(?:thoughts?|responses?|repl(?:y|ies)|comments?)\s+(?:on|to)\s+.{1,150}",
    r"(?:top|top rated|best|reader|readers|user|latest|newest|oldest|all|show|view|hide|read|"
    r"load|more|see)(?: all| the| more)?\s+comments",
    r"(?:rating|score|votes?)\s*:?\s*[+-]?\d+(?:\s+votes?)?",
    r"(?:comments?|replies)\s*\(\d+\)",
    r"log ?in to (?:reply|comment|post a comment)",
    r"you must (?:be )?log(?:ged)? ?in to post a comment\.?",
)
# Single-word or short widget labels: share bars, players, account links, consent banners.
WIDGET_LABELS = (
    "reply",  # comment and embedded-post actions
    "report",
    "report abuse",
    "flag",
    "like",
    "likes",
    "upvote",
    "downvote",
    "permalink",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share article",
    "share on facebook",
    "share on twitter",
    "share via email",
    "tweet",
    "email",
    "e-mail",
    "print",
    "copy link",
    "copy",
    "link copied",
    "save",
    "save article",
    "bookmark",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "telegram",
    "flipboard",
    "messenger",
    "sms",
    "follow",
    "follow us",
    "subscribe",
    "subscribe now",
    "sign up",
    "sign in",
    "log in",
    "login",
    "register",
    "menu",
    "search",
    "close",
    "home",
    "skip to content",
    "skip to main content",
    "toggle navigation",
    "toggle caption",
    "hide caption",
    "enlarge this image",
    "image",
    "video",
    "photo",
    "play",
    "pause",
    "mute",
    "unmute",
    "replay",
    "loading",
    "listen",
    "listen to this article",
    "listen to article",
    "select voice",
    "select speed",
    "playback speed",
    "accept",
    "accept all",
    "accept cookies",
    "reject all",
    "manage cookies",
    "cookie settings",
    "got it",
    "ok",
    "more",
    "less",
    "top",
    "getty images",
    "shutterstock",
    "istock",
    "ap",
    "reuters",
    "afp",
)

# --- Lines: regex patterns ----------------------------------------------------------------------

# Short lines that open with a widget's fixed wording; the rest is a count, a name or a site.
WIDGET_PREFIXES = (
    r"reading time\b",  # "Reading time: 3 minutes"
    r"\d+\s*(?:-|\s)?(?:min|mins|minute|minutes)\s+(?:read|listen)\b",  # "4 min read"
    r"why you can trust\b",  # trust-and-standards widgets
    r"listen to (?:this )?(?:article|story)\b",  # text-to-speech players
    r"(?:sign up|subscribe) (?:for|to)\b",  # newsletter and subscription prompts
    r"(?:get|receive) (?:our|the) [\w\s]{0,30}newsletter\b",
    r"follow (?:us|me) on\b",  # social follow prompts
    r"share (?:this|on|via|your|the)\b",  # share bars
    r"(?:close|open|toggle|hide|show|expand|collapse)\b.{0,20}\b"
    r"(?:panel|menu|caption|navigation|search|share|overlay|window|dialog)\b",  # controls
    r"we use cookies\b",  # cookie banners
    r"this (?:site|website) uses cookies\b",
    r"by (?:clicking|continuing|using)\b.{0,60}\b(?:agree|accept|consent)",  # consent
    r"(?:click|tap) (?:here|to)\b",  # calls to action
    r"(?:more|related|recommended|trending|popular|latest)(?: stories| articles| news| videos)?"
    r"(?: from| on| in| about)?\s*:",  # "More from ...:" and "Related:" rails
    r"(?:read|see|watch|listen)(?: more| also| next| now)?\s*:",  # "Read more: ..." teasers
    r"(?:also read|also see|see also|also on|don't miss|must read)\b",  # inline teasers
    r"(?:like this (?:story|article)|(?:please )?share (?:it|this))\b",  # share prompts
    r"copyright\b|©|\(c\) \d{4}|all rights reserved",  # copyright lines
    r"\d[\d,.]*\s*(?:shares?|views?|likes?)$",  # counters
    r"(?:updated|published|posted|first published|last updated|modified)\b(?:\s+on)?\s*:?\s*"
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
    r"today|yesterday|an? |\d)",  # date rows
)
# Sentences that only widgets write: consent banners, sign-up prompts, support appeals. They
# count on lines of up to WIDGET_SENTENCE_WORDS words, wherever in the line they occur.
WIDGET_SENTENCE_PATTERNS = (
    r"\b(?:website|site) uses cookies\b",
    r"\bclick here\b",
    r"\b(?:sign up|subscribe) (?:for|to) (?:our|the|a) [\w\s]{0,30}(?:newsletter|emails?|updates)",
    r"\bsubscribe to our\b",
    r"\b(?:enable|turn on) javascript\b",
    r"\byour browser (?:does not|doesn't) support\b",
    r"\ball rights reserved\b",
    r"\bterms of (?:use|service)\b.{0,40}\bprivacy policy\b",
    r"\b(?:use of this (?:site|website)|this (?:site|website) constitutes|user agreement)\b",
    r"\bmay not be (?:reproduced|republished|redistributed)\b",
    r"\b(?:earn|receive) an? (?:affiliate )?commission\b",
    r"\b(?:javascript|cookies?) (?:is|are) (?:disabled|required|blocked)\b",
    r"\b(?:modern|supported|newer|latest) (?:web )?browser\b|\binternet explorer\b",  # warnings
    r"\bnon-commercial use\b|\bpersonal use only\b",  # reprint notices
    r"\ban error (?:has )?occurred\b|\btry again later\b",  # failed-widget messages
    r"\bunsubscribe (?:at any time|anytime)\b|\bno spam\b",  # newsletter sign-up boxes
    r"\b(?:sent|delivered) (?:straight |directly )?to your inbox\b",
    r"\bwe(?:.ll| will)? (?:send|email) (?:you )?(?:an? |our |the )?(?:[\w-]+ ){0,3}"
    r"(?:email|newsletter)",
    # social follow prompts under a story: "Follow her on Twitter @jane or on Facebook."
    r"\bfollow (?:us|me|the|our|him|her|them)\b.{0,60}\b(?:facebook|twitter|instagram|linkedin)\b",
)
WIDGET_SENTENCE_WORDS = 40
# Every pattern above and below contains one of these (lower case): lines without any skip the
# regex search, which is what keeps the sentence rules cheap.
WIDGET_SENTENCE_TRIGGERS = (
    "cookie",
    "click here",
    "subscri",
    "no spam",
    "follow",
    "email",
    "sign",
    "log in",
    "javascript",
    "browser",
    "rights reserved",
    "terms of",
    "this site",
    "this website",
    "agreement",
    "may not be",
    "commission",
    "newsletter",
    "inbox",
    "opt-in",
    "explorer",
    "commercial use",
    "personal use",
    "error",
    "try again",
)
# Sign-up and account prompts: they name the same things articles rarely do, on short lines.
ACCOUNT_PROMPT_PATTERN = r"\b(?:newsletters?|inbox|opt-in|signing up|sign up|log in|sign in)\b"
ACCOUNT_PROMPT_WORDS = 25
# A contact line under the article: "Write to Jane Roe at jane@example.com".
EMAIL_PATTERN = r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"
EMAIL_LINE_WORDS = 25
# Consent banners run long: they count on lines up to this many words.
COOKIE_PATTERN = r"\bcookies?\b.{0,200}\b(?:browsing|browser|experience|consent|accept|website)\b"
COOKIE_WORDS = 150
# Captions that announce themselves (screen-reader labels printed before the caption text).
CAPTION_PREFIXES = (
    r"(?:image|photo|picture|media|video) (?:caption|copyright|credit|source)\b",
    r"(?:caption|credit|photo|image|source)s?\s*:",
)
# Whole lines that are a time, a video duration, a date, or a relative time.
TIMESTAMP_PATTERNS = (
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?",  # "01:42", "0:12 / 3:05"
    r"\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?(?:\s+[a-z]{2,4})?",  # "5:31 PM ET"
    r"(?:\d+|an?)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago(?: at .{1,12})?",
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+.{0,40}\d{4}.{0,20}",  # "Tue 19 Nov 2019 ..."
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}.{0,30}",
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}.{0,30}",
    r"\d{4}[-./]\d{1,2}[-./]\d{1,2}.{0,20}",  # "2019-11-19", "2019.11.19 10:00"
    r"\d{1,2}[-./]\d{1,2}[-./]\d{2,4}.{0,20}",  # "19/11/2019"
    r"\d+(?:\.\d+)?x",  # media-player speed: "1.00x"
)
# Caption credits. A caption ends with its credit: "... Photo: Jane Doe/Agency", "... (AP
# Photo/Jane Doe)", "... Jane Doe/Getty Images". These labels open the credit part.
CREDIT_LABELS = frozenset(
    (
        "photo",
        "photos",
        "photograph",
        "photography",
        "image",
        "images",
        "picture",
        "pictures",
        "illustration",
        "photo illustration",
        "graphic",
        "video",
        "credit",
        "credits",
        "photo credit",
        "image credit",
        "image source",
        "source",
        "courtesy",
        "file photo",
        "file",
        "foto",
        "fotos",
        "bild",
    )
)
# Photo agencies and picture desks whose name ends a caption's credit.
PHOTO_AGENCIES = frozenset(
    (
        "getty",
        "getty images",
        "afp via getty images",
        "via getty images",
        "shutterstock",
        "istock",
        "istockphoto",
        "alamy",
        "alamy stock photo",
        "afp",
        "reuters",
        "ap",
        "ap photo",
        "associated press",
        "epa",
        "epa-efe",
        "efe",
        "dpa",
        "ddp",
        "anadolu agency",
        "xinhua",
        "tass",
        "upi",
        "aap",
        "pa",
        "pa wire",
        "pa images",
        "rex",
        "rex features",
        "rex shutterstock",
        "zuma",
        "zuma press",
        "zuma wire",
        "nurphoto",
        "imago",
        "abaca",
        "sipa",
        "wireimage",
        "filmmagic",
        "bloomberg",
        "sopa images",
        "lightrocket",
        "corbis",
        "handout",
        "pool",
    )
)
# A byline: "By Jane Doe", "Written by ...", "Reporting by ..." (short lines only).
# Agency sign-offs under a story: "(Reporting by Jane Roe; Editing by John Doe)".
SIGNOFF_PATTERN = (
    r"\(?(?:reporting|writing|editing|additional reporting|compiled|produced|translated) by\s"
)
SIGNOFF_WORDS = 40
# The signature under an embedded post: "— Jane Roe (@janeroe) November 18, 2019". The post is
# quoted content of the article (see the HTML path's embeds), so its signature is not a menu.
EMBED_SIGNATURE_PATTERN = (
    r"[\u2014\u2013-]\s*.{1,80}\(@\w{1,30}\)\s*(?:\w+\.? \d{1,2}, \d{4}|\d{1,2} \w+\.? \d{4})"
)
# An author box printed as a line: "Jane Roe is a freelance writer based in Toronto. ...",
# "John Doe (@jdoe) is the editor of ...". Matched case-sensitively: a name in capitals opens
# it; a role word (any case: "Staff Writer") follows within a few words.
AUTHOR_BIO_PATTERN = (
    r"(?:[A-Z][\w.'\u2019-]+ ){1,3}(?:\([^)]{1,80}\) )?is (?:a|an|the) (?:[\w,'\u2019-]+ ){0,6}"
    r"(?i:writer|reporter|editor|journalist|correspondent|columnist|contributor|producer|"
    r"author|freelancer|blogger)s?\b"
)
AUTHOR_BIO_WORDS = 80
BYLINE_PATTERNS = (
    r"(?:by|written by|words by|story by|posted by|reported by|text by|von|por|par|oleh)\s+"
    r"[^\s,.:;!?][^.!?]{0,80}$",
    r"(?:author|authors|reporter|editor|writer)s?\s*:",
)
