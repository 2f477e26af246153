<?php
/**
 * Cost per document from PHP, as a SIMPEG system would pay it (used by benchmarks/server.py).
 *
 *   php bench_per_document.php service http://127.0.0.1:8000 500 fresh      a new connection per document
 *   php bench_per_document.php service http://127.0.0.1:8000 500 keepalive  one connection, many documents
 *   php bench_per_document.php cli /path/to/kinerja 20                      `kinerja score file.json` per document
 *
 * Prints one JSON object: mode, documents, seconds, ms_per_document.
 */

declare(strict_types=1);

$document = [
    'regime' => 'permenpanrb-6-2022',
    'employee' => ['nip' => '199001012015031001', 'name' => 'Budi Santoso', 'unit' => 'Dukcapil'],
    'period' => ['start' => '2025-01-01', 'end' => '2025-12-31'],
    'hasil_kerja' => 'Di Atas Ekspektasi',
    'perilaku_kerja' => 'Sesuai Ekspektasi',
];
$json = json_encode($document, JSON_THROW_ON_ERROR);
[$script, $mode, $target, $count] = $argv + [null, 'service', 'http://127.0.0.1:8000', '100'];
$n = (int) $count;
$style = $argv[4] ?? 'fresh';

function via_service(string $url, string $json, int $n, bool $keepAlive): void
{
    $curl = null;
    for ($i = 0; $i < $n; $i++) {
        if ($curl === null || !$keepAlive) {
            $curl = curl_init($url . '/v1/evaluate');
            curl_setopt_array($curl, [
                CURLOPT_POST => true,
                CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
                CURLOPT_RETURNTRANSFER => true,
            ]);
        }
        curl_setopt($curl, CURLOPT_POSTFIELDS, $json);
        $body = curl_exec($curl);
        if ($body === false || curl_getinfo($curl, CURLINFO_RESPONSE_CODE) !== 200 || !str_contains($body, '"BAIK"')) {
            throw new RuntimeException('unexpected answer: ' . var_export($body, true));
        }
        if (!$keepAlive) {
            curl_close($curl);
        }
    }
}

function via_cli(string $kinerja, string $json, int $n): void
{
    $file = tempnam(sys_get_temp_dir(), 'kinerja') . '.json';
    file_put_contents($file, $json);
    for ($i = 0; $i < $n; $i++) {
        $output = [];
        exec(escapeshellarg($kinerja) . ' score ' . escapeshellarg($file) . ' 2>&1', $output, $status);
        if ($status !== 0 || !str_contains(implode("\n", $output), '"BAIK"')) {
            throw new RuntimeException("kinerja score failed ($status): " . implode("\n", $output));
        }
    }
    unlink($file);
}

$start = hrtime(true);
if ($mode === 'cli') {
    via_cli($target, $json, $n);
} else {
    via_service($target, $json, $n, $style === 'keepalive');
}
$seconds = (hrtime(true) - $start) / 1e9;
echo json_encode([
    'mode' => $mode === 'cli' ? 'cli' : "service-$style",
    'documents' => $n,
    'seconds' => round($seconds, 3),
    'ms_per_document' => round($seconds * 1000 / $n, 3),
]), "\n";
