<?php
/**
 * kinerja from PHP: score one document, one batch, and print the problems of a bad document.
 *
 * Plain PHP 8 + the curl extension (Debian: apt-get install php-cli php-curl), no framework.
 * Start the service first:  kinerja serve            (pip install "kinerja[server]")
 * Then:                     php kinerja_client.php [http://127.0.0.1:8000]
 * If the service has a token (KINERJA_TOKEN), export the same KINERJA_TOKEN here.
 *
 * Decimals travel as JSON strings ("85.50") both ways, so no PHP float ever rounds a score;
 * send yours as strings too. Every refusal is HTTP 422 (or 401/413/415/503) with
 * {"problems": [{"path", "code", "message"}]}: act on "code", show "message" to people.
 */

declare(strict_types=1);

final class KinerjaClient
{
    public function __construct(private string $baseUrl, private ?string $token = null)
    {
        $this->baseUrl = rtrim($baseUrl, '/');
    }

    /** POST a body; return [HTTP status, response body]. Throws RuntimeException when the service cannot be reached. */
    private function post(string $path, string $body, string $contentType): array
    {
        $headers = ["Content-Type: $contentType", 'Accept: application/json, application/x-ndjson'];
        if ($this->token !== null && $this->token !== '') {
            $headers[] = 'Authorization: Bearer ' . $this->token;
        }
        $curl = curl_init($this->baseUrl . $path);
        curl_setopt_array($curl, [
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => $body,
            CURLOPT_HTTPHEADER => $headers,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_CONNECTTIMEOUT => 5,
            CURLOPT_TIMEOUT => 60,
        ]);
        $response = curl_exec($curl);
        if ($response === false) {
            $error = curl_error($curl);
            curl_close($curl);
            throw new RuntimeException("kinerja service not reachable at {$this->baseUrl}: $error");
        }
        $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        curl_close($curl);
        return [$status, $response];
    }

    /** Score one document: ['status' => 200, 'result' => [...]] or ['status' => 422, 'problems' => [...]]. */
    public function evaluate(array $document): array
    {
        $json = json_encode($document, JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
        [$status, $body] = $this->post('/v1/evaluate', $json, 'application/json');
        $data = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
        return $status === 200 ? ['status' => $status, 'result' => $data] : ['status' => $status, 'problems' => $data['problems']];
    }

    /**
     * Score many documents in one request (JSON Lines). Returns one entry per document, in order:
     * a result, or ['line' => N, 'error' => ..., 'problems' => [...]]. 'line' is the document's position from 1.
     */
    public function batch(array $documents): array
    {
        $lines = '';
        foreach ($documents as $document) {
            $lines .= json_encode($document, JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR) . "\n";
        }
        [$status, $body] = $this->post('/v1/batch', $lines, 'application/x-ndjson');
        if ($status !== 200) {
            $data = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
            throw new RuntimeException("batch refused (HTTP $status): " . $data['problems'][0]['message']);
        }
        $out = [];
        foreach (explode("\n", rtrim($body, "\n")) as $line) {
            $out[] = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
        }
        if (count($out) !== count($documents)) {
            throw new RuntimeException('batch answered ' . count($out) . ' lines for ' . count($documents) . ' documents');
        }
        return $out;
    }
}

function problems_text(array $problems): string
{
    $text = '';
    foreach ($problems as $p) {
        $where = $p['path'] === '' ? '(document)' : $p['path'];
        $text .= "  $where: {$p['code']} - {$p['message']}\n";
    }
    return $text;
}

$client = new KinerjaClient($argv[1] ?? (getenv('KINERJA_URL') ?: 'http://127.0.0.1:8000'), getenv('KINERJA_TOKEN') ?: null);

$budi = [
    'regime' => 'permenpanrb-6-2022',
    'employee' => ['nip' => '199001012015031001', 'name' => 'Budi Santoso', 'unit' => 'Dukcapil'],
    'period' => ['start' => '2025-01-01', 'end' => '2025-12-31'],
    'hasil_kerja' => 'Di Atas Ekspektasi',
    'perilaku_kerja' => 'Sesuai Ekspektasi',
];
$siti = array_merge($budi, [
    'employee' => ['nip' => '198507142010012002', 'name' => 'Siti Rahayu', 'unit' => 'Dukcapil'],
    'hasil_kerja' => 'Di Atas Ekspektasi',
    'perilaku_kerja' => 'Di Atas Ekspektasi',
]);
$bad = ['regime' => 'permenpanrb-6-2022', 'employee' => ['nip' => '19900101', 'name' => 'Tanpa Periode'], 'hasil_kerja' => 'Tinggi'];

// 1. one document
$one = $client->evaluate($budi);
if ($one['status'] !== 200) {  // 401: token missing or wrong; 503: busy, retry later
    fwrite(STDERR, "refused (HTTP {$one['status']})\n" . problems_text($one['problems']));
    exit(1);
}
echo "one document: {$one['result']['subject']} {$one['result']['values']['predikat']}\n";

// 2. one batch: every document gets exactly one answer, in order
foreach ($client->batch([$budi, $bad, $siti]) as $answer) {
    if (isset($answer['error'])) {
        echo "batch line {$answer['line']}: refused\n" . problems_text($answer['problems']);
    } else {
        echo "batch line {$answer['line']}: {$answer['subject']} {$answer['values']['predikat']}\n";
    }
}

// 3. a bad document: HTTP 422 with every problem at once
$refused = $client->evaluate($bad);
echo "bad document: HTTP {$refused['status']}\n" . problems_text($refused['problems'] ?? []);
