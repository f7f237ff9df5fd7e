/** An author's video URL: a page of a video site, played in its embed, or a file for <video>. */

/** The embed address of a YouTube or Vimeo page, or null for anything else (a plain file). */
export function embedUrl(url: string | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.replace(/^(www\.|m\.)/, '');
  const path = parsed.pathname.split('/').filter(Boolean);
  let youtubeId: string | null = null;
  if (host === 'youtu.be') youtubeId = path[0] ?? null;
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    youtubeId =
      path[0] === 'watch'
        ? parsed.searchParams.get('v')
        : ['embed', 'shorts', 'live'].includes(path[0] ?? '')
          ? (path[1] ?? null)
          : null;
  }
  if (youtubeId && /^[\w-]{6,20}$/.test(youtubeId))
    return `https://www.youtube-nocookie.com/embed/${youtubeId}`;
  const vimeoId =
    host === 'vimeo.com'
      ? path.find((part) => /^\d+$/.test(part))
      : host === 'player.vimeo.com' && path[0] === 'video'
        ? path[1]
        : undefined;
  if (vimeoId && /^\d+$/.test(vimeoId)) return `https://player.vimeo.com/video/${vimeoId}`;
  return null;
}
