import { useCallback, useEffect, useRef, useState } from "react";

interface RecognitionLike {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult: ((event: { resultIndex: number; results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }> }) => void) | null;
  onend: (() => void) | null;
  onerror: (() => void) | null;
  start(): void;
  stop(): void;
}
type RecognitionConstructor = new () => RecognitionLike;

function recognitionConstructor(): RecognitionConstructor | null {
  const w = window as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/** Speech input for notes where the webview has it; `supported` is false (and the button hidden) elsewhere. */
export function useDictation({ locale, onText }: { locale: string; onText: (text: string) => void }) {
  const [listening, setListening] = useState(false);
  const recognition = useRef<RecognitionLike | null>(null);
  const supported = recognitionConstructor() !== null;

  const stop = useCallback(() => recognition.current?.stop(), []);
  const start = useCallback(() => {
    const Recognition = recognitionConstructor();
    if (!Recognition) return;
    const r = new Recognition();
    r.lang = locale;
    r.continuous = true;
    r.interimResults = false;
    r.onresult = (event) => {
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const result = event.results[i];
        if (result?.isFinal) onText(result[0].transcript.trim());
      }
    };
    r.onend = () => setListening(false);
    r.onerror = () => setListening(false);
    recognition.current = r;
    r.start();
    setListening(true);
  }, [locale, onText]);

  useEffect(() => () => recognition.current?.stop(), []);
  return { supported, listening, start, stop };
}
