import vestnik from "vestnik";

// The whole site: Vestnik with this newsroom's name and address. Articles go in articles/YYYY/MM/.
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(vestnik, {
    title: "Степной вестник",
    baseUrl: "https://news.example.kz/",
  });
}
