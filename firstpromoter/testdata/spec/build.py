#!/usr/bin/env python3
"""Builds the conformance bodies from FirstPromoter's OpenAPI files.

Usage: build.py <checkout of github.com/firstpromoter/docs>

For every operation the package covers it writes, for the success
response:
  <name>.example.json  each whole-body example the spec publishes
                       (content example(s) or the response schema's example)
  <name>.full.json     a body built from the schema: every property present,
                       with the property's example or a value of its type
  <name>.nulls.json    the same with every nullable property null
"""
import json, os, sys, subprocess

SPECS = {
    'promoters': 'api-reference-v2/api-admin/promoters/openapi-v2-promoters.json',
    'referrals': 'api-reference-v2/api-admin/referrals/openapi-v2-referrals.json',
    'commissions': 'api-reference-v2/api-admin/commissions/openapi-v2-commissions.json',
    'payouts': 'api-reference-v2/api-admin/payouts/openapi-v2-payouts.json',
    'campaigns': 'api-reference-v2/api-advanced/campaigns-api/openapi-v2-campaigns.json',
    'promoter_campaigns': 'api-reference-v2/api-admin/promoter-campaigns/openapi-v2-promoter-campaigns.json',
    'reports': 'api-reference-v2/api-admin/reports/openapi-v2-reports.json',
    'promo_codes': 'api-reference-v2/api-admin/promo-codes/openapi-v2-promocodes.json',
    'batches': 'api-reference-v2/api-admin/batches/openapi-v2-batches.json',
    'webhooks': 'api-reference-v2/api-admin/webhooks/openapi-v2-webhooks.json',
    'tracking': 'api-reference-v2/api-admin/tracking-api/openapi-v2-tracking.json',
    'custom_statuses': 'api-reference-v2/api-advanced/custom-referral-statuses/openapi-v2-custom-referral-statuses.json',
    'referral_custom_status': 'api-reference-v2/api-advanced/custom-referral-statuses/openapi-v2-referral-custom-status.json',
    'rewards': 'api-reference-v2/api-advanced/rewards/openapi-v2-rewards.json',
    'products': 'api-reference-v2/api-advanced/products-api/openapi-v2-advanced-products.json',
    'payout_methods': 'api-reference-v2/api-advanced/payout-methods-api/openapi-v2-advanced-payout-methods.json',
    'invoices': 'api-reference-v2/api-advanced/invoices/openapi-v2-invoices.json',
    'assets': 'api-reference-v2/api-advanced/assets/openapi-v2-assets.json',
    'asset_categories': 'api-reference-v2/api-advanced/asset-categories-api/openapi-v2-asset-categories.json',
    'payments_batches': 'api-reference-v2/api-advanced/payments-batches/openapi-v2-payent-batches.json',
}

def load(repo, path):
    out = subprocess.run(['git', '-C', repo, 'show', 'HEAD:' + path], check=True, capture_output=True).stdout
    return json.loads(out)

def resolve(doc, s):
    seen = 0
    while isinstance(s, dict) and '$ref' in s and seen < 20:
        parts = s['$ref'].lstrip('#/').split('/')
        t = doc
        for p in parts:
            t = t[p]
        s = t
        seen += 1
    return s

def build(doc, s, nulls, depth=0):
    s = resolve(doc, s)
    if not isinstance(s, dict) or depth > 12:
        return None
    if nulls and s.get('nullable'):
        return None
    if 'allOf' in s:
        merged = {'type': 'object', 'properties': {}}
        for part in s['allOf']:
            part = resolve(doc, part)
            merged['properties'].update(part.get('properties', {}))
        return build(doc, merged, nulls, depth + 1)
    for key in ('oneOf', 'anyOf'):
        if key in s:
            return build(doc, s[key][0], nulls, depth + 1)
    t = s.get('type')
    if t == 'object' or 'properties' in s:
        props = s.get('properties')
        if not props:
            return s.get('example', {})
        return {k: build(doc, v, nulls, depth + 1) for k, v in props.items()}
    if t == 'array':
        if 'example' in s and isinstance(s['example'], list):
            return s['example']
        items = resolve(doc, s.get('items'))
        if not items:
            return []  # items of no documented type
        if 'oneOf' in items and s.get('minItems', 1) >= len(items['oneOf']):
            # A tuple such as a chart's [label, value]: one of each option.
            return [build(doc, o, nulls, depth + 1) for o in items['oneOf']]
        return [build(doc, items, nulls, depth + 1)]
    if 'example' in s:
        return s['example']
    if 'enum' in s:
        return s['enum'][0]
    fmt = s.get('format')
    if t == 'string':
        return {'date-time': '2025-03-26T15:15:34.908Z', 'date': '2025-03-26', 'email': 'jane@example.com',
                'uri': 'https://example.com/x', 'url': 'https://example.com/x'}.get(fmt, 'text')
    if t == 'integer':
        return 7
    if t == 'number':
        return 12
    if t == 'boolean':
        return True
    return None

def main():
    repo = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    commit = subprocess.run(['git', '-C', repo, 'rev-parse', 'HEAD'], check=True, capture_output=True, text=True).stdout.strip()
    rows = []
    for area, path in SPECS.items():
        doc = load(repo, path)
        for p, ops in doc['paths'].items():
            for m, op in ops.items():
                if m not in ('get', 'post', 'put', 'delete', 'patch'):
                    continue
                for code in ('200', '201', '202'):
                    r = op.get('responses', {}).get(code)
                    if not r:
                        continue
                    c = r.get('content', {}).get('application/json')
                    if not c:
                        continue
                    name = area + '_' + m + '_' + p.strip('/').replace('/', '_').replace('{', '').replace('}', '') + '_' + code
                    schema = resolve(doc, c.get('schema', {}))
                    examples = []
                    if 'example' in c:
                        examples.append(c['example'])
                    for ex in c.get('examples', {}).values():
                        if 'value' in ex:
                            examples.append(ex['value'])
                    if isinstance(schema, dict) and 'example' in schema and not examples:
                        examples.append(schema['example'])
                    for i, ex in enumerate(examples):
                        suffix = '' if len(examples) == 1 else '.%d' % (i + 1)
                        write(here, name + '.example' + suffix + '.json', ex)
                        rows.append((name + '.example' + suffix + '.json', path, m.upper() + ' ' + p + ' ' + code, 'published example'))
                    if schema.get('properties') or schema.get('items') or schema.get('allOf'):
                        write(here, name + '.full.json', build(doc, schema, False))
                        write(here, name + '.nulls.json', build(doc, schema, True))
                        rows.append((name + '.full.json', path, m.upper() + ' ' + p + ' ' + code, 'built from the schema'))
                        rows.append((name + '.nulls.json', path, m.upper() + ' ' + p + ' ' + code, 'built from the schema, nullable fields null'))
    with open(os.path.join(here, 'SOURCES'), 'w') as f:
        f.write('Bodies of the conformance test (conformance_test.go).\n\n')
        f.write('Repository: https://github.com/firstpromoter/docs\n')
        f.write('Commit: %s\n' % commit)
        f.write('Built by build.py in this directory: python3 build.py <checkout of that repository>\n\n')
        f.write('file\tspec path\toperation\tkind\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')

def write(here, name, v):
    with open(os.path.join(here, name), 'w') as f:
        json.dump(v, f, indent=2, sort_keys=True)
        f.write('\n')

main()
