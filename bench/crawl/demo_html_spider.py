# The Scrapy baseline of bench/crawl_vs_scrapy.sh: crawls demo-html with the
# same extraction as deploy/demo/sites/demo-html.toml (listing → detail → ad
# fields by CSS selector, phones through the same regex), politeness off.
# Run with Debian's Scrapy: /usr/bin/python3 -m scrapy runspider demo_html_spider.py -a base=URL -a stats=FILE
import json
import re

import scrapy

PHONE = re.compile(r'^(?:tel:|https?://wa\.me/)?(.+)$')


def text(sel):
    return ' '.join(' '.join(sel.css('*::text').getall()).split())


class DemoHtmlSpider(scrapy.Spider):
    name = 'demo_html'
    custom_settings = {
        'ROBOTSTXT_OBEY': True,
        'CONCURRENT_REQUESTS': 32,
        'CONCURRENT_REQUESTS_PER_DOMAIN': 32,
        'DOWNLOAD_DELAY': 0,
        'AUTOTHROTTLE_ENABLED': False,
        'LOG_LEVEL': 'WARNING',
        'TELNETCONSOLE_ENABLED': False,
        'COOKIES_ENABLED': False,
        'USER_AGENT': 'scrapy-baseline',
    }

    def __init__(self, base, stats, **kw):
        super().__init__(**kw)
        self.start_urls = [base + '/regio/' + r for r in ('zuid-limburg', 'nederland', 'belgie', 'duitsland')]
        self.stats_file = stats

    def parse(self, response):
        for href in response.css('article.ad-card a.ad-link::attr(href)').getall():
            yield response.follow(href, self.parse_ad)
        nxt = response.css('nav.pagination a[rel=next]::attr(href)').get()
        if nxt:
            yield response.follow(nxt, self.parse)

    def parse_ad(self, response):
        ad = response.css('article.ad-detail')
        phones = []
        for sel in response.css('dd.ad-phone'):
            phones.append(text(sel))
        phones += response.css('a.tel-link::attr(href), a.wa-link::attr(href)').getall()
        phones = [m.group(1) for m in (PHONE.match(p) for p in phones) if m]
        paragraphs = ['\n'.join(' '.join(t.split()) for t in p.css('::text').getall() if t.strip())
                      for p in ad.css('div.ad-description p')]
        yield {
            'id': ad.attrib.get('data-ad-id'),
            'url': response.css('link[rel=canonical]::attr(href)').get(),
            'title': text(ad.css('h1.ad-title')),
            'text': '\n\n'.join(paragraphs),
            'name': text(response.css('dd.ad-name')),
            'age': text(response.css('dd.ad-age')),
            'city': text(response.css('dd.ad-city')),
            'phones': phones,
            'price': text(response.css('table.ad-prices')),
            'posted': response.css('time.ad-posted::attr(datetime)').get(),
            'photos': [response.urljoin(u) for u in response.css('div.ad-photos img::attr(src)').getall()],
        }

    def closed(self, reason):
        s = self.crawler.stats.get_stats()
        with open(self.stats_file, 'w') as f:
            json.dump({'pages': s.get('downloader/response_count', 0), 'items': s.get('item_scraped_count', 0),
                       'reason': reason}, f)
