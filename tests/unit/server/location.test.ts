import { describe, expect, it } from 'vitest';
import { approximateLocation } from '../../../server/location';

describe('approximateLocation', () => {
  it.each([
    ['127.0.0.1', 'This computer'],
    ['127.8.9.10', 'This computer'],
    ['::1', 'This computer'],
    ['::ffff:127.0.0.1', 'This computer'],
    ['10.1.2.3', 'Home network'],
    ['172.16.0.5', 'Home network'],
    ['172.31.255.255', 'Home network'],
    ['192.168.1.20', 'Home network'],
    ['169.254.10.10', 'Home network'],
    ['::ffff:192.168.0.9', 'Home network'],
    ['fd12:3456:789a::1', 'Home network'],
    ['fe80::1%eth0', 'Home network'],
    ['172.32.0.1', 'Internet (172.32.0.x)'],
    ['203.0.113.77', 'Internet (203.0.113.x)'],
    ['::ffff:198.51.100.4', 'Internet (198.51.100.x)'],
    ['2001:db8:85a3::8a2e:370:7334', 'Internet (2001:db8:85a3:x)'],
    ['2001:db8::1', 'Internet (2001:db8:0:x)'],
  ])('%s -> %s', (ip, expected) => {
    expect(approximateLocation(ip)).toBe(expected);
  });

  it.each([undefined, null, '', 'not-an-ip', '999.1.1.1', '0.0.0.0', '::'])('%s -> Unknown', (ip) => {
    expect(approximateLocation(ip)).toBe('Unknown');
  });
});
